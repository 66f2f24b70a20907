package io.github.workerskv.kv.spring.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;

/**
 * A size- and time-bounded Caffeine cache. Each entry lives for the near cache's time to live or until its
 * logical expiry, whichever comes first. With a clock other than the system's (a test's), Caffeine's ticker
 * follows that clock too.
 */
final class CaffeineNearCache implements NearCache {

	private final Cache<Object, Held> cache;

	CaffeineNearCache(long maximumSize, Duration ttl, Clock clock) {
		long ttlNanos = ttl.toNanos();
		Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maximumSize);
		if (!KVCacheManager.isSystemClock(clock)) {
			builder.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
		}
		this.cache = builder.expireAfter(new HeldExpiry(ttlNanos, clock)).build();
	}

	@Override
	public @Nullable Object get(Object key) {
		Held held = this.cache.getIfPresent(key);
		return (held != null) ? held.storeValue() : null;
	}

	@Override
	public void put(Object key, Object storeValue, long expiresAtMillis) {
		this.cache.put(key, new Held(storeValue, expiresAtMillis));
	}

	@Override
	public boolean remove(Object key) {
		return this.cache.asMap().remove(key) != null;
	}

	@Override
	public void clear() {
		this.cache.invalidateAll();
	}

	@Override
	public void cleanUp() {
		this.cache.cleanUp();
	}

	@Override
	public long size() {
		return this.cache.estimatedSize();
	}

	/** A held store value and its logical expiry ({@code 0} for none). */
	private record Held(Object storeValue, long expiresAtMillis) {
	}

	/** The near cache's time to live, cut short by the entry's logical expiry. */
	private record HeldExpiry(long ttlNanos, Clock clock) implements Expiry<Object, Held> {

		@Override
		public long expireAfterCreate(Object key, Held held, long currentTime) {
			if (held.expiresAtMillis() == 0) {
				return this.ttlNanos;
			}
			long remainingMillis = Math.max(0, held.expiresAtMillis() - this.clock.millis());
			return Math.min(this.ttlNanos, TimeUnit.MILLISECONDS.toNanos(remainingMillis));
		}

		@Override
		public long expireAfterUpdate(Object key, Held held, long currentTime, long currentDuration) {
			return expireAfterCreate(key, held, currentTime);
		}

		@Override
		public long expireAfterRead(Object key, Held held, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
