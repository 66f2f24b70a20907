package io.github.workerskv.kv.spring.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long an entry lives, decided on every write from its key and value.
 *
 * <p>{@link Duration#ZERO} means the entry never expires. Any positive duration works, including ones
 * below KV's 60 second minimum: the entry carries its own expiry and reads after it are misses, while KV
 * is told to expire the key after 60 seconds (see {@link KVCacheWriter#put}).
 *
 * <pre>{@code
 * TtlFunction ttl = (key, value) -> (value instanceof Quote) ? Duration.ofSeconds(15) : Duration.ofHours(1);
 * }</pre>
 */
@FunctionalInterface
public interface TtlFunction {

	/**
	 * The time to live of one entry.
	 * @param key the cache key, as the application gave it (before conversion to a KV key)
	 * @param value the value, or {@code null} when a {@code null} is cached
	 * @return a positive duration, or {@link Duration#ZERO} for no expiry; never negative
	 */
	Duration getTimeToLive(Object key, @Nullable Object value);

	/**
	 * The same time to live for every entry.
	 * @param ttl a positive duration, or {@link Duration#ZERO} for no expiry
	 * @return the function
	 * @throws IllegalArgumentException if {@code ttl} is negative
	 */
	static TtlFunction just(Duration ttl) {
		return new FixedTtlFunction(ttl);
	}

	/** @return a function under which entries never expire */
	static TtlFunction persistent() {
		return FixedTtlFunction.PERSISTENT;
	}

}
