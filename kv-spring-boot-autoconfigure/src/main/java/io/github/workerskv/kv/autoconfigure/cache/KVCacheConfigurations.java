package io.github.workerskv.kv.autoconfigure.cache;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.github.workerskv.kv.autoconfigure.cache.KVCacheProperties.Cache;
import io.github.workerskv.kv.autoconfigure.cache.KVCacheProperties.ValueFormat;
import io.github.workerskv.kv.spring.cache.KVCacheConfiguration;
import io.github.workerskv.kv.spring.cache.KVCacheValueCodec;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code cloudflare.kv.cache.default.*} and {@code cloudflare.kv.cache.caches.<name>.*} into
 * {@link KVCacheConfiguration}s: a cache's own setting, else the default's, else the library's.
 */
final class KVCacheConfigurations {

	private final KVCacheProperties properties;

	private final List<String> allowedTypes;

	private final @Nullable ClassLoader classLoader;

	private final KVCacheConfiguration base;

	/**
	 * @param properties the bound properties
	 * @param allowedTypes the JSON allow-list: the properties' plus the application's packages
	 * @param classLoader the application's class loader
	 */
	KVCacheConfigurations(KVCacheProperties properties, List<String> allowedTypes, @Nullable ClassLoader classLoader) {
		this.properties = properties;
		this.allowedTypes = List.copyOf(allowedTypes);
		this.classLoader = classLoader;
		this.base = KVCacheConfiguration.defaultCacheConfig(classLoader).withFailOpen(properties.isFailOpen());
	}

	/** @return the configuration of caches that are not declared under {@code caches} */
	KVCacheConfiguration defaults() {
		return configuration(this.properties.getDefault());
	}

	/**
	 * @param cache the settings of one cache under {@code caches}
	 * @return its configuration
	 */
	KVCacheConfiguration forCache(Cache cache) {
		return configuration(cache);
	}

	private KVCacheConfiguration configuration(Cache cache) {
		Cache defaults = this.properties.getDefault();
		KVCacheConfiguration configuration = this.base;
		Duration ttl = pick(cache, defaults, Cache::getTimeToLive);
		if (ttl != null) {
			configuration = configuration.withTtl(ttl);
		}
		Boolean cacheNullValues = pick(cache, defaults, Cache::getCacheNullValues);
		if (cacheNullValues != null) {
			configuration = configuration.withCacheNullValues(cacheNullValues);
		}
		String keyPrefix = pick(cache, defaults, Cache::getKeyPrefix);
		if (keyPrefix != null) {
			configuration = configuration.withKeyPrefix(keyPrefix);
		}
		configuration = configuration.withValueCodec(codec(pick(cache, defaults, Cache::getValueFormat),
				pick(cache, defaults, Cache::getValueType)));
		Boolean nearCache = pick(cache, defaults, (c) -> c.getNearCache().getEnabled());
		if (Boolean.FALSE.equals(nearCache)) {
			return configuration.withoutNearCache();
		}
		Long maximumSize = pick(cache, defaults, (c) -> c.getNearCache().getMaximumSize());
		Duration nearTtl = pick(cache, defaults, (c) -> c.getNearCache().getTimeToLive());
		if (Boolean.TRUE.equals(nearCache) || configuration.nearCacheEnabled()) {
			configuration = configuration.withNearCache(
					(maximumSize != null) ? maximumSize : KVCacheConfiguration.DEFAULT_NEAR_CACHE_MAXIMUM_SIZE,
					(nearTtl != null) ? nearTtl : configuration.nearCacheTtl());
		}
		return configuration;
	}

	private KVCacheValueCodec codec(@Nullable ValueFormat format, @Nullable Class<?> valueType) {
		if (format == ValueFormat.JAVA) {
			return KVCacheValueCodec.jdk(this.classLoader);
		}
		if (valueType != null) {
			return KVCacheValueCodec.json(valueType);
		}
		return KVCacheValueCodec.jsonAllowing(this.allowedTypes, this.classLoader);
	}

	private static <T> @Nullable T pick(Cache cache, Cache defaults, Function<Cache, @Nullable T> setting) {
		T own = setting.apply(cache);
		return (own != null) ? own : setting.apply(defaults);
	}

}
