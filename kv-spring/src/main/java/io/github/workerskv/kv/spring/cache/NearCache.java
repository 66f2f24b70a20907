package io.github.workerskv.kv.spring.cache;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The in-process copy in front of KV: holds store values (a value, or Spring's {@code NullValue}) by the
 * application's cache key, each for at most its time to live and never past the entry's logical expiry.
 */
interface NearCache {

	/**
	 * @param key the application's cache key
	 * @return the store value, or {@code null} if none is held
	 */
	@Nullable Object get(Object key);

	/**
	 * @param key the application's cache key
	 * @param storeValue the value or {@code NullValue}
	 * @param expiresAtMillis the entry's logical expiry, or {@code 0} for none
	 */
	void put(Object key, Object storeValue, long expiresAtMillis);

	/**
	 * @param key the application's cache key
	 * @return whether a value was held
	 */
	boolean remove(Object key);

	/** Drops everything. */
	void clear();

	/** Runs pending maintenance (evictions) now; for tests. */
	void cleanUp();

	/** @return how many values are held, approximately */
	long size();

	/** @return a near cache that holds nothing */
	static NearCache none() {
		return NoNearCache.INSTANCE;
	}

	/**
	 * @param maximumSize the most entries held
	 * @param ttl how long an entry is held at most after it was read from or written to KV
	 * @param clock the clock of logical expiry (and of the time to live, unless it is the system clock)
	 * @return a Caffeine near cache
	 * @throws IllegalStateException if Caffeine is not on the class path
	 */
	static NearCache caffeine(long maximumSize, Duration ttl, Clock clock) {
		if (!KVCacheConfiguration.isCaffeinePresent(NearCache.class.getClassLoader())) {
			throw new IllegalStateException("The near cache needs Caffeine: add com.github.ben-manes.caffeine:caffeine "
					+ "to the class path, or switch the near cache off with KVCacheConfiguration.withoutNearCache()");
		}
		return new CaffeineNearCache(maximumSize, ttl, clock);
	}

}
