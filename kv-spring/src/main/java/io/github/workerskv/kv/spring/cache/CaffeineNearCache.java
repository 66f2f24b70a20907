package io.github.workerskv.kv.spring.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * A size- and time-bounded Caffeine cache. Each entry lives for the near cache's time to live or until its
 * logical expiry, whichever comes first. With a clock other than the system's (a test's), Caffeine's ticker
 * follows that clock too.
 *
 * <p>Caffeine expires entries a fixed time after their write, which keeps a hit cheap; an entry whose logical
 * expiry comes sooner than that is marked when it is stored, and only such entries read the clock on a hit.
 * (Caffeine's per-entry variable expiry would do the same job but costs more than the rest of a hit.)
 */
final class CaffeineNearCache implements NearCache {

	private final Cache<Object, Held> cache;

	private final Clock clock;

	private final long ttlMillis;

	CaffeineNearCache(long maximumSize, Duration ttl, Clock clock) {
		this.clock = clock;
		this.ttlMillis = ttl.toMillis();
		Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl);
		if (!KVCacheManager.isSystemClock(clock)) {
			builder.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
		}
		this.cache = builder.build();
	}

	@Override
	public @Nullable Object get(Object key) {
		Held held = this.cache.getIfPresent(key);
		if (held == null) {
			return null;
		}
		if (held.expiresFirst() && this.clock.millis() >= held.expiresAtMillis()) {
			this.cache.asMap().remove(key, held);
			return null;
		}
		return held.storeValue();
	}

	@Override
	public void put(Object key, Object storeValue, long expiresAtMillis) {
		boolean expiresFirst = expiresAtMillis != 0 && expiresAtMillis - this.clock.millis() < this.ttlMillis;
		this.cache.put(key, new Held(storeValue, expiresAtMillis, expiresFirst));
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

	/**
	 * A held store value and its logical expiry ({@code 0} for none).
	 * @param expiresFirst whether the logical expiry comes before the near cache's own, so hits must check it
	 */
	private record Held(Object storeValue, long expiresAtMillis, boolean expiresFirst) {
	}

}
