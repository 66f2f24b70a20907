package io.github.workerskv.kv.autoconfigure.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Spring Cache on Workers KV, under {@code cloudflare.kv.cache}.
 *
 * <p>Settings under {@code default} apply to every cache; those under {@code caches.<name>} override them for
 * one cache, and declare it so that it exists from start-up. A setting left unset in both takes the library's
 * default (see {@link io.github.workerskv.kv.spring.cache.KVCacheConfiguration}).
 */
@ConfigurationProperties(KVCacheProperties.PREFIX)
public class KVCacheProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "cloudflare.kv.cache";

	/**
	 * KV binding (a name under cloudflare.kv.namespaces) whose namespace holds the cache entries. May be left
	 * unset when exactly one binding is configured.
	 */
	private @Nullable String binding;

	/**
	 * Whether a cache name that is declared nowhere (neither under caches nor in spring.cache.cache-names)
	 * gets a cache with the default settings on first use. When false, using it fails.
	 */
	private boolean createMissingCaches = true;

	/**
	 * Whether a KV failure is logged and treated as a miss on reads, and skipped on writes and evicts, instead
	 * of failing the cached method.
	 */
	private boolean failOpen;

	/**
	 * Whether each cache counts hits, near-cache hits, misses, puts, evictions and errors, as published by the
	 * cache.* metrics.
	 */
	private boolean enableStatistics = true;

	/**
	 * Comma-separated list of package prefixes (ending with a dot) and class names whose instances JSON caches
	 * without a value-type may store. The application's own packages are always allowed.
	 */
	private List<String> allowedTypes = new ArrayList<>();

	/**
	 * Settings of every cache.
	 */
	private final Cache defaults = new Cache();

	/**
	 * Caches that exist from start-up, by name, each with settings that override those under default.
	 */
	private final Map<String, Cache> caches = new LinkedHashMap<>();

	public @Nullable String getBinding() {
		return this.binding;
	}

	public void setBinding(@Nullable String binding) {
		this.binding = binding;
	}

	public boolean isCreateMissingCaches() {
		return this.createMissingCaches;
	}

	public void setCreateMissingCaches(boolean createMissingCaches) {
		this.createMissingCaches = createMissingCaches;
	}

	public boolean isFailOpen() {
		return this.failOpen;
	}

	public void setFailOpen(boolean failOpen) {
		this.failOpen = failOpen;
	}

	public boolean isEnableStatistics() {
		return this.enableStatistics;
	}

	public void setEnableStatistics(boolean enableStatistics) {
		this.enableStatistics = enableStatistics;
	}

	public List<String> getAllowedTypes() {
		return this.allowedTypes;
	}

	public void setAllowedTypes(List<String> allowedTypes) {
		this.allowedTypes = allowedTypes;
	}

	public Cache getDefault() {
		return this.defaults;
	}

	public Map<String, Cache> getCaches() {
		return this.caches;
	}

	/**
	 * How values are stored.
	 */
	public enum ValueFormat {

		/** JSON: plain when the cache declares a value type, else with type names checked against an allow-list. */
		JSON,

		/** Java serialization: values must be Serializable; use it only on a namespace only the application writes. */
		JAVA

	}

	/**
	 * The settings of one cache, or of every cache; unset values are inherited.
	 */
	public static class Cache {

		/**
		 * Time to live of entries; 0 means they never expire. Below KV's 60 second minimum, entries expire on
		 * time logically while KV keeps their keys for 60 seconds. When unset everywhere, entries never expire.
		 */
		private @Nullable Duration timeToLive;

		/**
		 * Whether to cache null results. When unset everywhere, they are cached.
		 */
		private @Nullable Boolean cacheNullValues;

		/**
		 * Text in front of the cache name in every KV key, for example 'cache:', to keep cache entries apart
		 * from other keys of the namespace. When unset everywhere, keys start with the cache name.
		 */
		private @Nullable String keyPrefix;

		/**
		 * How values are stored: json or java. When unset everywhere, json.
		 */
		private @Nullable ValueFormat valueFormat;

		/**
		 * Class of every value of the cache, stored as plain JSON without type names. When unset, JSON values
		 * record their type, which must be one of allowed-types.
		 */
		private @Nullable Class<?> valueType;

		private final NearCache nearCache = new NearCache();

		public @Nullable Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(@Nullable Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		public @Nullable Boolean getCacheNullValues() {
			return this.cacheNullValues;
		}

		public void setCacheNullValues(@Nullable Boolean cacheNullValues) {
			this.cacheNullValues = cacheNullValues;
		}

		public @Nullable String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(@Nullable String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public @Nullable ValueFormat getValueFormat() {
			return this.valueFormat;
		}

		public void setValueFormat(@Nullable ValueFormat valueFormat) {
			this.valueFormat = valueFormat;
		}

		public @Nullable Class<?> getValueType() {
			return this.valueType;
		}

		public void setValueType(@Nullable Class<?> valueType) {
			this.valueType = valueType;
		}

		public NearCache getNearCache() {
			return this.nearCache;
		}

	}

	/**
	 * The in-memory near cache in front of KV.
	 */
	public static class NearCache {

		/**
		 * Whether to keep recently read and written values in memory in front of KV. When unset everywhere, on
		 * when Caffeine is on the class path.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Maximum number of values kept in memory per cache. When unset everywhere, 10000.
		 */
		private @Nullable Long maximumSize;

		/**
		 * Longest time a value is kept in memory. When unset everywhere, 60 seconds, the time KV takes to
		 * propagate a change, so the near cache is never staler than KV.
		 */
		private @Nullable Duration timeToLive;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(@Nullable Long maximumSize) {
			this.maximumSize = maximumSize;
		}

		public @Nullable Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(@Nullable Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

	}

}
