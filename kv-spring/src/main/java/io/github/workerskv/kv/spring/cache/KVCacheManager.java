package io.github.workerskv.kv.spring.cache;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.github.workerskv.kv.KVNamespace;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.support.AbstractCacheManager;

/**
 * A Spring {@link org.springframework.cache.CacheManager} whose {@link KVCache}s share one
 * {@link KVCacheWriter}, and so one KV namespace.
 *
 * <pre>{@code
 * KVCacheManager manager = KVCacheManager.builder(namespace)
 *     .cacheDefaults(KVCacheConfiguration.defaultCacheConfig().withTtl(Duration.ofMinutes(10)))
 *     .withCacheConfiguration("quotes", KVCacheConfiguration.defaultCacheConfig().withTtl(Duration.ofSeconds(15)))
 *     .enableStatistics()
 *     .build();
 * }</pre>
 *
 * <p>Caches configured on the builder exist from the start; any other name gets a cache with the default
 * configuration on first use, unless {@link Builder#disableCreateOnMissingCache()} was called, in which case
 * {@link #getCache(String)} returns {@code null} for it. As with every {@link AbstractCacheManager}, call
 * {@link #afterPropertiesSet()} (a Spring context does) before use.
 */
public class KVCacheManager extends AbstractCacheManager {

	private final KVCacheWriter writer;

	private final KVCacheConfiguration defaults;

	private final Map<String, KVCacheConfiguration> initialCaches;

	private final boolean createOnMissingCache;

	private final boolean statisticsEnabled;

	private final Clock clock;

	private final List<Consumer<? super KVCache>> creationListeners;

	private volatile boolean initialized;

	/**
	 * Creates a manager; prefer {@link #builder(KVCacheWriter)}.
	 * @param writer where every cache's entries go
	 * @param defaults the configuration of caches created on demand
	 * @param initialCaches the caches that exist from the start, with their configurations
	 * @param createOnMissingCache whether other names get a cache on first use
	 * @param statisticsEnabled whether caches count hits, misses, puts, evictions and errors
	 * @param clock the clock of logical expiry
	 * @param creationListeners called with each cache created on demand, once it is registered
	 */
	protected KVCacheManager(KVCacheWriter writer, KVCacheConfiguration defaults,
			Map<String, KVCacheConfiguration> initialCaches, boolean createOnMissingCache, boolean statisticsEnabled,
			Clock clock, List<Consumer<? super KVCache>> creationListeners) {
		this.writer = Objects.requireNonNull(writer, "writer must not be null");
		this.defaults = Objects.requireNonNull(defaults, "defaults must not be null");
		this.initialCaches = Collections.unmodifiableMap(new LinkedHashMap<>(initialCaches));
		this.createOnMissingCache = createOnMissingCache;
		this.statisticsEnabled = statisticsEnabled;
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.creationListeners = List.copyOf(creationListeners);
	}

	/**
	 * A manager with the default configuration for every cache, created on demand.
	 * @param namespace the namespace every cache stores its entries in
	 * @return the manager, initialized
	 */
	public static KVCacheManager create(KVNamespace namespace) {
		KVCacheManager manager = builder(namespace).build();
		manager.afterPropertiesSet();
		return manager;
	}

	/**
	 * @param namespace the namespace every cache stores its entries in
	 * @return a builder
	 */
	public static Builder builder(KVNamespace namespace) {
		return builder(KVCacheWriter.create(namespace));
	}

	/**
	 * @param writer where every cache's entries go
	 * @return a builder
	 */
	public static Builder builder(KVCacheWriter writer) {
		return new Builder(writer);
	}

	@Override
	protected Collection<KVCache> loadCaches() {
		List<KVCache> caches = new ArrayList<>(this.initialCaches.size());
		this.initialCaches.forEach((name, configuration) -> caches.add(createCache(name, configuration)));
		return caches;
	}

	@Override
	public void initializeCaches() {
		super.initializeCaches();
		this.initialized = true;
	}

	@Override
	protected @Nullable Cache getMissingCache(String name) {
		return this.createOnMissingCache ? createCache(name, this.defaults) : null;
	}

	/**
	 * Registers a cache and, once the initial caches exist, tells the creation listeners about it.
	 */
	@Override
	protected Cache decorateCache(Cache cache) {
		Cache decorated = super.decorateCache(cache);
		if (this.initialized && cache instanceof KVCache created) {
			this.creationListeners.forEach((listener) -> listener.accept(created));
		}
		return decorated;
	}

	/**
	 * Creates one cache.
	 * @param name the cache name
	 * @param configuration its configuration
	 * @return the cache
	 */
	protected KVCache createCache(String name, KVCacheConfiguration configuration) {
		return new KVCache(name, this.writer, configuration, this.clock, this.statisticsEnabled);
	}

	/** @return the configuration of caches created on demand */
	public KVCacheConfiguration getDefaultCacheConfiguration() {
		return this.defaults;
	}

	/** @return the caches configured up front, by name, in order */
	public Map<String, KVCacheConfiguration> getInitialCacheConfigurations() {
		return this.initialCaches;
	}

	/** @return whether names that were not configured get a cache on first use */
	public boolean isCreateOnMissingCache() {
		return this.createOnMissingCache;
	}

	/** @return whether the caches count statistics */
	public boolean isStatisticsEnabled() {
		return this.statisticsEnabled;
	}

	/**
	 * @param clock a clock
	 * @return whether it is the system clock, in any time zone
	 */
	static boolean isSystemClock(Clock clock) {
		return clock.getClass() == Clock.systemUTC().getClass();
	}

	/**
	 * Builds a {@link KVCacheManager}. Not thread-safe; the manager it builds is.
	 */
	public static final class Builder {

		private final KVCacheWriter writer;

		private KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig();

		private final Map<String, @Nullable KVCacheConfiguration> initialCaches = new LinkedHashMap<>();

		private boolean createOnMissingCache = true;

		private boolean statisticsEnabled;

		private Clock clock = Clock.systemUTC();

		private final List<Consumer<? super KVCache>> creationListeners = new ArrayList<>();

		private Builder(KVCacheWriter writer) {
			this.writer = Objects.requireNonNull(writer, "writer must not be null");
		}

		/**
		 * @param defaults the configuration of caches created on demand and of {@link #initialCacheNames(Set)}
		 * @return this builder
		 */
		public Builder cacheDefaults(KVCacheConfiguration defaults) {
			this.defaults = Objects.requireNonNull(defaults, "defaults must not be null");
			return this;
		}

		/** @return the configuration of caches created on demand */
		public KVCacheConfiguration cacheDefaults() {
			return this.defaults;
		}

		/**
		 * A cache that exists from the start, with its own configuration.
		 * @param name the cache name
		 * @param configuration its configuration
		 * @return this builder
		 */
		public Builder withCacheConfiguration(String name, KVCacheConfiguration configuration) {
			this.initialCaches.put(Objects.requireNonNull(name, "name must not be null"),
					Objects.requireNonNull(configuration, "configuration must not be null"));
			return this;
		}

		/**
		 * @param configurations caches that exist from the start, by name
		 * @return this builder
		 */
		public Builder withInitialCacheConfigurations(Map<String, KVCacheConfiguration> configurations) {
			configurations.forEach(this::withCacheConfiguration);
			return this;
		}

		/**
		 * Caches that exist from the start with the default configuration (as it is when {@link #build()} is
		 * called); names already configured keep their configuration.
		 * @param names cache names
		 * @return this builder
		 */
		public Builder initialCacheNames(Set<String> names) {
			names.forEach((name) -> this.initialCaches.putIfAbsent(name, null));
			return this;
		}

		/**
		 * @param name a cache name
		 * @return its configuration, if it is configured with one of its own
		 */
		public Optional<KVCacheConfiguration> getCacheConfigurationFor(String name) {
			return Optional.ofNullable(this.initialCaches.get(name));
		}

		/** @return the names of the caches that exist from the start */
		public Set<String> getConfiguredCaches() {
			return Collections.unmodifiableSet(this.initialCaches.keySet());
		}

		/**
		 * Only the configured caches exist; {@link KVCacheManager#getCache(String)} returns {@code null} for
		 * any other name.
		 * @return this builder
		 */
		public Builder disableCreateOnMissingCache() {
			this.createOnMissingCache = false;
			return this;
		}

		/**
		 * Caches count hits, near-cache hits, misses, puts, evictions and errors ({@link KVCache#getStatistics()}).
		 * @return this builder
		 */
		public Builder enableStatistics() {
			this.statisticsEnabled = true;
			return this;
		}

		/**
		 * @param clock the clock that decides logical expiry and, when it is not the system clock, the near
		 * cache's time (inject a mutable clock in tests)
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock must not be null");
			return this;
		}

		/**
		 * Adds a listener for caches created on demand (not the initial ones), called once per cache when it
		 * is registered, for example to bind its metrics.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder onCacheCreated(Consumer<? super KVCache> listener) {
			this.creationListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
			return this;
		}

		/**
		 * @return a manager; call {@link KVCacheManager#afterPropertiesSet()} before use unless a Spring
		 * context manages it
		 */
		public KVCacheManager build() {
			Map<String, KVCacheConfiguration> initial = new LinkedHashMap<>();
			this.initialCaches.forEach((name, configuration) -> initial.put(name,
					(configuration != null) ? configuration : this.defaults));
			return new KVCacheManager(this.writer, this.defaults, initial, this.createOnMissingCache,
					this.statisticsEnabled, this.clock, this.creationListeners);
		}

	}

}
