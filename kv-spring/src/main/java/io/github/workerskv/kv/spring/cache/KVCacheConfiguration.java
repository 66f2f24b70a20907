package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * How one {@link KVCache} behaves: immutable; every {@code with…} method returns a changed copy.
 *
 * <p>Start from {@link #defaultCacheConfig()} or {@link #defaultCacheConfig(ClassLoader)}:
 * <dl>
 * <dt>time to live</dt><dd>none ({@link TtlFunction#persistent()})</dd>
 * <dt>null values</dt><dd>cached, as a marker independent of the codec</dd>
 * <dt>key prefix</dt><dd>none: keys are {@code <cache name>::v1::<key>}</dd>
 * <dt>value codec</dt><dd>{@link KVCacheValueCodec#jsonAllowing JSON with an allow-list} that is empty, so
 * only JDK value and collection types are accepted until you allow yours or declare a value type</dd>
 * <dt>key converter</dt><dd>the documented default (see {@link KVCache})</dd>
 * <dt>near cache</dt><dd>on when Caffeine is on the class path: 10,000 entries for at most 60 seconds</dd>
 * <dt>fail open</dt><dd>off: KV failures propagate</dd>
 * </dl>
 *
 *
 * <p>A value outside the range of its {@code with…} method is refused with an
 * {@link InvalidOptionException} naming the option.
 */
public final class KVCacheConfiguration {

	/** The near cache's default time to live: as long as KV's edge caches take to see a change. */
	public static final Duration DEFAULT_NEAR_CACHE_TTL = Duration.ofSeconds(60);

	/** The near cache's default size. */
	public static final long DEFAULT_NEAR_CACHE_MAXIMUM_SIZE = 10_000;

	static final String CAFFEINE = "com.github.benmanes.caffeine.cache.Caffeine";

	private final TtlFunction ttlFunction;

	private final boolean cacheNullValues;

	private final String keyPrefix;

	private final KVCacheValueCodec valueCodec;

	private final Function<Object, String> keyConverter;

	private final long nearCacheMaximumSize;

	private final Duration nearCacheTtl;

	private final boolean failOpen;

	private KVCacheConfiguration(TtlFunction ttlFunction, boolean cacheNullValues, String keyPrefix,
			KVCacheValueCodec valueCodec, Function<Object, String> keyConverter, long nearCacheMaximumSize,
			Duration nearCacheTtl, boolean failOpen) {
		this.ttlFunction = Objects.requireNonNull(ttlFunction, "ttlFunction must not be null");
		this.cacheNullValues = cacheNullValues;
		this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
		this.valueCodec = Objects.requireNonNull(valueCodec, "valueCodec must not be null");
		this.keyConverter = Objects.requireNonNull(keyConverter, "keyConverter must not be null");
		this.nearCacheMaximumSize = nearCacheMaximumSize;
		this.nearCacheTtl = Objects.requireNonNull(nearCacheTtl, "nearCacheTtl must not be null");
		this.failOpen = failOpen;
	}

	/** @return the defaults, with the default class loader */
	public static KVCacheConfiguration defaultCacheConfig() {
		return defaultCacheConfig(ClassUtils.getDefaultClassLoader());
	}

	/**
	 * The defaults.
	 * @param classLoader the loader the codec reads classes with, and that decides whether Caffeine (and so
	 * the near cache) is available; pass the application's, or {@code null} for the default
	 * @return the default configuration
	 */
	public static KVCacheConfiguration defaultCacheConfig(@Nullable ClassLoader classLoader) {
		return new KVCacheConfiguration(TtlFunction.persistent(), true, "",
				KVCacheValueCodec.jsonAllowing(List.of(), classLoader), DefaultKeyConverter.INSTANCE,
				isCaffeinePresent(classLoader) ? DEFAULT_NEAR_CACHE_MAXIMUM_SIZE : 0, DEFAULT_NEAR_CACHE_TTL, false);
	}

	/**
	 * @param ttl the same time to live for every entry; {@link Duration#ZERO} for none
	 * @return a copy with this time to live
	 */
	public KVCacheConfiguration withTtl(Duration ttl) {
		return withTtl(TtlFunction.just(ttl));
	}

	/**
	 * @param ttlFunction decides each entry's time to live on every write
	 * @return a copy with this function
	 */
	public KVCacheConfiguration withTtl(TtlFunction ttlFunction) {
		return new KVCacheConfiguration(ttlFunction, this.cacheNullValues, this.keyPrefix, this.valueCodec,
				this.keyConverter, this.nearCacheMaximumSize, this.nearCacheTtl, this.failOpen);
	}

	/**
	 * @param cacheNullValues whether {@code null} is cached
	 * @return a copy with this choice
	 */
	public KVCacheConfiguration withCacheNullValues(boolean cacheNullValues) {
		return new KVCacheConfiguration(this.ttlFunction, cacheNullValues, this.keyPrefix, this.valueCodec,
				this.keyConverter, this.nearCacheMaximumSize, this.nearCacheTtl, this.failOpen);
	}

	/**
	 * @param keyPrefix text in front of the cache name in every KV key, for example {@code cache:}; the cache
	 * name is always part of the key, so caches never share keys
	 * @return a copy with this prefix
	 */
	public KVCacheConfiguration withKeyPrefix(String keyPrefix) {
		return new KVCacheConfiguration(this.ttlFunction, this.cacheNullValues, keyPrefix, this.valueCodec,
				this.keyConverter, this.nearCacheMaximumSize, this.nearCacheTtl, this.failOpen);
	}

	/**
	 * @param valueCodec turns values into bytes and back
	 * @return a copy with this codec
	 */
	public KVCacheConfiguration withValueCodec(KVCacheValueCodec valueCodec) {
		return new KVCacheConfiguration(this.ttlFunction, this.cacheNullValues, this.keyPrefix, valueCodec,
				this.keyConverter, this.nearCacheMaximumSize, this.nearCacheTtl, this.failOpen);
	}

	/**
	 * @param keyConverter turns the application's cache keys into text; it must give equal keys equal text
	 * and should give different keys different text, and keep doing so across versions of the application
	 * @return a copy with this converter
	 */
	public KVCacheConfiguration withKeyConverter(Function<Object, String> keyConverter) {
		return new KVCacheConfiguration(this.ttlFunction, this.cacheNullValues, this.keyPrefix, this.valueCodec,
				keyConverter, this.nearCacheMaximumSize, this.nearCacheTtl, this.failOpen);
	}

	/**
	 * A near cache (Caffeine must be on the class path when the cache is created).
	 * @param maximumSize the most entries it holds
	 * @param ttl how long it holds an entry at most; a value longer than KV's 60 seconds makes the cache
	 * staler than KV itself is
	 * @return a copy with this near cache
	 */
	public KVCacheConfiguration withNearCache(long maximumSize, Duration ttl) {
		Objects.requireNonNull(ttl, "ttl must not be null");
		if (maximumSize < 0) {
			throw new InvalidOptionException("nearCacheMaximumSize", maximumSize, "The near cache's maximum size must "
					+ "not be negative (was " + maximumSize + "); use 0 for no near cache");
		}
		if (ttl.isNegative() || ttl.isZero()) {
			throw new InvalidOptionException("nearCacheTtl", ttl,
					"The near cache's time to live must be positive (was " + ttl + ")");
		}
		return new KVCacheConfiguration(this.ttlFunction, this.cacheNullValues, this.keyPrefix, this.valueCodec,
				this.keyConverter, maximumSize, ttl, this.failOpen);
	}

	/** @return a copy without a near cache: every read goes to KV */
	public KVCacheConfiguration withoutNearCache() {
		return withNearCache(0, this.nearCacheTtl);
	}

	/**
	 * @param failOpen whether a KV failure is logged and treated as a miss (reads) or skipped (writes and
	 * evicts) instead of being thrown; invalid input (a value too large, say) is always thrown
	 * @return a copy with this choice
	 */
	public KVCacheConfiguration withFailOpen(boolean failOpen) {
		return new KVCacheConfiguration(this.ttlFunction, this.cacheNullValues, this.keyPrefix, this.valueCodec,
				this.keyConverter, this.nearCacheMaximumSize, this.nearCacheTtl, failOpen);
	}

	/** @return decides each entry's time to live on every write */
	public TtlFunction ttlFunction() {
		return this.ttlFunction;
	}

	/**
	 * @return whether {@code null} is cached; when not, putting {@code null} fails and a loader that returns
	 * {@code null} is not cached
	 */
	public boolean cacheNullValues() {
		return this.cacheNullValues;
	}

	/** @return text in front of the cache name in every KV key (for example {@code cache:}); may be empty */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/** @return turns values into bytes and back */
	public KVCacheValueCodec valueCodec() {
		return this.valueCodec;
	}

	/** @return turns the application's cache keys into text */
	public Function<Object, String> keyConverter() {
		return this.keyConverter;
	}

	/** @return the most entries the near cache holds, or {@code 0} for no near cache */
	public long nearCacheMaximumSize() {
		return this.nearCacheMaximumSize;
	}

	/** @return how long the near cache holds an entry at most */
	public Duration nearCacheTtl() {
		return this.nearCacheTtl;
	}

	/**
	 * @return whether a KV failure is logged and treated as a miss (reads) or skipped (writes and evicts)
	 * instead of being thrown
	 */
	public boolean failOpen() {
		return this.failOpen;
	}

	/** @return whether there is a near cache */
	public boolean nearCacheEnabled() {
		return this.nearCacheMaximumSize > 0;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof KVCacheConfiguration that && this.cacheNullValues == that.cacheNullValues
				&& this.nearCacheMaximumSize == that.nearCacheMaximumSize && this.failOpen == that.failOpen
				&& this.ttlFunction.equals(that.ttlFunction) && this.keyPrefix.equals(that.keyPrefix)
				&& this.valueCodec.equals(that.valueCodec) && this.keyConverter.equals(that.keyConverter)
				&& this.nearCacheTtl.equals(that.nearCacheTtl);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.ttlFunction, this.cacheNullValues, this.keyPrefix, this.valueCodec, this.keyConverter,
				this.nearCacheMaximumSize, this.nearCacheTtl, this.failOpen);
	}

	@Override
	public String toString() {
		return "KVCacheConfiguration[ttlFunction=" + this.ttlFunction + ", cacheNullValues=" + this.cacheNullValues
				+ ", keyPrefix=" + this.keyPrefix + ", valueCodec=" + this.valueCodec + ", nearCacheMaximumSize="
				+ this.nearCacheMaximumSize + ", nearCacheTtl=" + this.nearCacheTtl + ", failOpen=" + this.failOpen + "]";
	}

	/**
	 * @param classLoader the loader to ask, or {@code null} for the default
	 * @return whether Caffeine can be loaded
	 */
	static boolean isCaffeinePresent(@Nullable ClassLoader classLoader) {
		return ClassUtils.isPresent(CAFFEINE, classLoader);
	}

}
