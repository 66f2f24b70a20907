package io.github.workerskv.kv.spring.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVValidationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.support.AbstractValueAdaptingCache;
import org.springframework.cache.support.NullValue;

/**
 * A Spring {@link org.springframework.cache.Cache} whose entries live in a Workers KV namespace, made by a
 * {@link KVCacheManager} and configured by a {@link KVCacheConfiguration}.
 *
 * <h2>Keys</h2>
 * Each entry is one KV key, format version 1:
 * <pre>
 * &lt;key prefix&gt;&lt;cache name&gt;::v1::&lt;key as text&gt;
 * &lt;key prefix&gt;&lt;cache name&gt;::v1h::&lt;SHA-256 of the key as text, in hex&gt;   when the first form would exceed 512 bytes
 * </pre>
 * The key as text comes from the configuration's key converter. The default one uses a {@code String} as it
 * is; numbers, booleans, characters, UUIDs, locales, currencies and {@code java.time} values by their
 * {@code toString()}; an enum by its {@code name()}; Spring's {@code SimpleKey} (several method parameters),
 * arrays and collections as {@code [a,b]} with {@code \ , [ ]} escaped by a backslash and {@code null} as
 * {@code \N}; any other class by its own {@code toString()}, and rejects classes that have none. Cache names
 * must not contain {@code ::}. {@link #kvKey(Object)} shows the KV key of any cache key.
 *
 * <h2>Values and expiry</h2>
 * The stored value is a one-line header, {@code kvc1 v <expires-at>} (or {@code kvc1 n <expires-at>} for a
 * cached {@code null}, whatever the codec), then the codec's bytes. The {@link TtlFunction} is evaluated on
 * every write. KV cannot expire a key sooner than 60 seconds after a write, so the header carries the
 * entry's own expiry in milliseconds, and a read at or after it is a miss even while KV still holds the
 * key; KV is told to expire the key after the time to live rounded up to whole seconds, and never less
 * than 60 seconds. A value the codec cannot read back is a miss, logged at WARN.
 *
 * <h2>Near cache</h2>
 * With Caffeine on the class path a near cache holds recently read and written values in this JVM, by the
 * application's key, for at most its time to live (60 seconds by default, as long as KV's own edge caches
 * may serve an old value) and never past the entry's expiry. It returns the same instance to every caller,
 * as any in-memory cache does: do not mutate cached values. Evicts and clears through this cache drop its
 * entries at once; changes made by other JVMs are seen when the near entry expires.
 *
 * <h2>What KV cannot promise</h2>
 * <ul>
 * <li>Changes are eventually consistent: another location (or the REST API in another data centre) may read
 * an old value, or miss a new one, for about 60 seconds. {@link #evictIfPresent(Object)} and
 * {@link #invalidate()} remove entries from KV and from this JVM's near cache before returning, but cannot
 * make other locations stop serving them.</li>
 * <li>{@link #putIfAbsent(Object, Object)} is a read then a write, not atomic: two callers may both write.</li>
 * <li>{@link #get(Object, Callable)} and {@link #retrieve(Object, Supplier)} call the loader once per key
 * for concurrent callers <em>in this JVM</em>; other JVMs may load the same key at the same time.</li>
 * <li>{@link #clear()} lists every key of the cache and deletes them page by page: one list request per
 * 1000 keys plus the deletes (bulk deletes on the REST API). It is slow on large caches.</li>
 * <li>KV allows one write per second per key; writing a hot key more often is rate limited by Cloudflare.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * KV failures ({@link KVException}s other than validation errors) are thrown, unless the configuration fails
 * open: then a failed read is a miss, and a failed write or evict is skipped, logged at WARN once when KV
 * starts failing and at INFO when it answers again, and counted as an error. Invalid input (a value over
 * KV's 25 MiB limit, a key the converter rejects, a value the codec may not store) is always thrown.
 */
public class KVCache extends AbstractValueAdaptingCache {

	private static final Log logger = LogFactory.getLog(KVCache.class);

	private final String name;

	private final KVCacheWriter writer;

	private final KVCacheConfiguration configuration;

	private final CacheKeyFormat keyFormat;

	private final NearCache nearCache;

	private final Clock clock;

	private final StatisticsCounter statistics;

	private final ConcurrentMap<Object, Load> loads = new ConcurrentHashMap<>();

	private final AtomicBoolean failing = new AtomicBoolean();

	/**
	 * Creates a cache; {@link KVCacheManager} does this.
	 * @param name the cache name: not empty, without {@code ::}
	 * @param writer where the entries go
	 * @param configuration how the cache behaves
	 * @param clock decides logical expiry (and the near cache's time, unless it is the system clock)
	 * @param statisticsEnabled whether to count hits, misses, puts, evictions and errors
	 * @throws IllegalArgumentException if the name is not allowed, or the prefix and name leave no room for a key
	 * @throws IllegalStateException if the configuration asks for a near cache and Caffeine is missing
	 */
	protected KVCache(String name, KVCacheWriter writer, KVCacheConfiguration configuration, Clock clock,
			boolean statisticsEnabled) {
		super(configuration.cacheNullValues());
		this.name = Objects.requireNonNull(name, "name must not be null");
		this.writer = Objects.requireNonNull(writer, "writer must not be null");
		this.configuration = Objects.requireNonNull(configuration, "configuration must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.keyFormat = new CacheKeyFormat(configuration.keyPrefix(), name);
		this.nearCache = configuration.nearCacheEnabled()
				? NearCache.caffeine(configuration.nearCacheMaximumSize(), configuration.nearCacheTtl(), clock)
				: NearCache.none();
		this.statistics = new StatisticsCounter(statisticsEnabled);
	}

	@Override
	public final String getName() {
		return this.name;
	}

	/** @return the {@link KVCacheWriter} the entries go through */
	@Override
	public KVCacheWriter getNativeCache() {
		return this.writer;
	}

	/** @return this cache's configuration */
	public KVCacheConfiguration getConfiguration() {
		return this.configuration;
	}

	/** @return what this cache counted so far (all zero when statistics are disabled) */
	public KVCacheStatistics getStatistics() {
		return this.statistics.snapshot(this.name);
	}

	/**
	 * The KV key an entry of this cache is stored under.
	 * @param key the application's cache key
	 * @return the KV key, at most 512 UTF-8 bytes
	 */
	public String kvKey(Object key) {
		return this.keyFormat.kvKey(this.configuration.keyConverter().apply(key));
	}

	/** @return the prefix every KV key of this cache starts with, {@code <key prefix><cache name>::} */
	public String kvKeyPrefix() {
		return this.keyFormat.cachePrefix();
	}

	/** @return the near cache, for tests */
	NearCache nearCache() {
		return this.nearCache;
	}

	// ---- reads --------------------------------------------------------------------------------

	@Override
	protected @Nullable Object lookup(Object key) {
		Object held = this.nearCache.get(key);
		if (held != null) {
			this.statistics.nearCacheHit();
			return held;
		}
		Object stored = read(key);
		this.statistics.hitOrMiss(stored != null);
		return stored;
	}

	/** Reads the store value from KV (not the near cache), without counting it. */
	private @Nullable Object read(Object key) {
		String kvKey = kvKey(key);
		byte[] bytes;
		try {
			bytes = this.writer.get(kvKey);
			succeeded();
		}
		catch (KVException ex) {
			failed("read", kvKey, ex);
			bytes = null;
		}
		return (bytes != null) ? decode(key, kvKey, bytes) : null;
	}

	/**
	 * Looks again once a load of the key is this caller's to make: a load that ended between this caller's
	 * miss and its taking the load has stored its value by then, and is not repeated.
	 */
	private @Nullable Object recheck(Object key) {
		Object held = this.nearCache.get(key);
		return (held != null) ? held : read(key);
	}

	/**
	 * Returns the cached value, or loads, caches and returns it. Concurrent callers for the same key in this
	 * JVM share one call of the loader; other JVMs do not take part. The caller that makes the load looks
	 * once more (in the near cache, else in KV) before calling the loader, so that a load that ended just
	 * before is not repeated: without the near cache a miss costs two reads. A loader that returns
	 * {@code null} for a cache that does not cache nulls returns {@code null} without caching it.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		Object stored = lookup(key);
		if (stored != null) {
			return (T) fromStoreValue(stored);
		}
		Load mine = new Load(Thread.currentThread(), new CompletableFuture<>());
		Load running = this.loads.putIfAbsent(key, mine);
		if (running != null) {
			if (running.owner() == Thread.currentThread()) {
				throw new IllegalStateException("Recursive load of key '" + key + "' in cache '" + this.name
						+ "': its value loader asked the cache for the same key");
			}
			return (T) fromStoreValue(await(running, key, valueLoader));
		}
		try {
			Object loadedMeanwhile = recheck(key);
			if (loadedMeanwhile != null) {
				mine.result().complete(loadedMeanwhile);
				return (T) fromStoreValue(loadedMeanwhile);
			}
			T value;
			try {
				value = valueLoader.call();
			}
			catch (Exception ex) {
				throw new ValueRetrievalException(key, valueLoader, ex);
			}
			mine.result().complete(storeLoaded(key, value));
			return value;
		}
		catch (RuntimeException ex) {
			mine.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loads.remove(key, mine);
		}
	}

	/**
	 * Reads without blocking where the namespace can (the REST client reads on its executor).
	 * @return a future that completes with {@code null} on a miss, otherwise with a
	 * {@link org.springframework.cache.Cache.ValueWrapper} when null values are cached and with the value
	 * when they are not
	 */
	@Override
	public CompletableFuture<?> retrieve(Object key) {
		return retrieveStored(key).thenApply((stored) -> (stored == null) ? null
				: isAllowNullValues() ? toValueWrapper(stored) : fromStoreValue(stored));
	}

	/**
	 * Reads without blocking, or loads, caches and returns the value. Concurrent callers for the same key in
	 * this JVM share one load.
	 */
	@Override
	@SuppressWarnings("unchecked")
	public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
		return retrieveStored(key).thenCompose((stored) -> {
			if (stored != null) {
				return CompletableFuture.completedFuture((T) fromStoreValue(stored));
			}
			Load mine = new Load(null, new CompletableFuture<>());
			Load running = this.loads.putIfAbsent(key, mine);
			if (running != null) {
				return running.result().thenApply((value) -> (T) fromStoreValue(value));
			}
			return recheckAsync(key).thenCompose((loadedMeanwhile) -> {
				if (loadedMeanwhile != null) {
					mine.result().complete(loadedMeanwhile);
					this.loads.remove(key, mine);
					return CompletableFuture.completedFuture((T) fromStoreValue(loadedMeanwhile));
				}
				CompletableFuture<T> loaded;
				try {
					loaded = valueLoader.get();
				}
				catch (RuntimeException ex) {
					loaded = CompletableFuture.failedFuture(ex);
				}
				return loaded.thenCompose((value) -> storeLoadedAsync(key, value).thenApply((storeValue) -> {
					mine.result().complete(storeValue);
					return value;
				}));
			}).whenComplete((value, ex) -> {
				if (ex != null) {
					mine.result().completeExceptionally(ex);
				}
				this.loads.remove(key, mine);
			});
		});
	}

	/** {@link #recheck(Object)} without blocking; a failed read fails or is a miss as the configuration says. */
	private CompletableFuture<@Nullable Object> recheckAsync(Object key) {
		Object held = this.nearCache.get(key);
		if (held != null) {
			return CompletableFuture.completedFuture(held);
		}
		String kvKey = kvKey(key);
		CompletableFuture<byte @Nullable []> read;
		try {
			read = this.writer.getAsync(kvKey);
		}
		catch (RuntimeException ex) {
			read = CompletableFuture.failedFuture(ex);
		}
		return read.handle((bytes, ex) -> {
			if (ex != null) {
				failed("read", kvKey, unwrap(ex));
				return null;
			}
			succeeded();
			return (bytes != null) ? decode(key, kvKey, bytes) : null;
		});
	}

	private CompletableFuture<@Nullable Object> retrieveStored(Object key) {
		Object held = this.nearCache.get(key);
		if (held != null) {
			this.statistics.nearCacheHit();
			return CompletableFuture.completedFuture(held);
		}
		String kvKey = kvKey(key);
		CompletableFuture<byte @Nullable []> read;
		try {
			read = this.writer.getAsync(kvKey);
		}
		catch (RuntimeException ex) {
			read = CompletableFuture.failedFuture(ex);
		}
		return read.handle((bytes, ex) -> {
			if (ex != null) {
				failed("read", kvKey, unwrap(ex));
				bytes = null;
			}
			else {
				succeeded();
			}
			Object stored = (bytes != null) ? decode(key, kvKey, bytes) : null;
			this.statistics.hitOrMiss(stored != null);
			return stored;
		});
	}

	// ---- writes -------------------------------------------------------------------------------

	@Override
	public void put(Object key, @Nullable Object value) {
		Entry entry = prepare(key, value, storeValue(value));
		try {
			this.writer.put(entry.kvKey(), entry.bytes(), entry.ttl());
			succeeded();
		}
		catch (KVException ex) {
			this.nearCache.remove(key);
			failed("write", entry.kvKey(), ex);
			return;
		}
		written(key, entry);
	}

	/**
	 * Reads the key and writes the value only if nothing was found. The read and the write are two separate
	 * KV calls: another writer (another JVM, or another thread) may write in between, and both writes land,
	 * the last one winning.
	 */
	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		Object existing = lookup(key);
		if (existing != null) {
			return toValueWrapper(existing);
		}
		put(key, value);
		return null;
	}

	@Override
	public void evict(Object key) {
		this.nearCache.remove(key);
		String kvKey = kvKey(key);
		try {
			this.writer.delete(kvKey);
			succeeded();
			this.statistics.eviction();
		}
		catch (KVException ex) {
			failed("evict", kvKey, ex);
		}
	}

	/**
	 * Deletes the key from KV and from the near cache before returning. Other KV locations may still serve it
	 * for up to about 60 seconds.
	 * @return whether this JVM's near cache held the key; KV is not read first, so {@code false} also means
	 * "not known"
	 */
	@Override
	public boolean evictIfPresent(Object key) {
		boolean held = this.nearCache.remove(key);
		evict(key);
		return held;
	}

	/** Deletes every key of this cache from KV (see {@link KVCacheWriter#clear(String)}) and the near cache. */
	@Override
	public void clear() {
		clearAll();
	}

	/**
	 * As {@link #clear()}: deleted from KV and this JVM's near cache before returning, still visible in other
	 * KV locations for up to about 60 seconds.
	 * @return whether any key was deleted from KV
	 */
	@Override
	public boolean invalidate() {
		return clearAll() > 0;
	}

	private long clearAll() {
		this.nearCache.clear();
		String prefix = this.keyFormat.cachePrefix();
		try {
			long deleted = this.writer.clear(prefix);
			succeeded();
			return deleted;
		}
		catch (KVException ex) {
			failed("clear", prefix + "*", ex);
			return 0;
		}
	}

	// ---- entries ------------------------------------------------------------------------------

	/** The store value of what a loader returned, written unless it is a null this cache does not keep. */
	private Object storeLoaded(Object key, @Nullable Object value) {
		if (isNull(value) && !isAllowNullValues()) {
			return NullValue.INSTANCE;
		}
		put(key, value);
		return (value == null || value instanceof NullValue) ? NullValue.INSTANCE : value;
	}

	private CompletableFuture<Object> storeLoadedAsync(Object key, @Nullable Object value) {
		if (isNull(value) && !isAllowNullValues()) {
			return CompletableFuture.completedFuture(NullValue.INSTANCE);
		}
		Entry entry = prepare(key, value, storeValue(value));
		CompletableFuture<Void> write;
		try {
			write = this.writer.putAsync(entry.kvKey(), entry.bytes(), entry.ttl());
		}
		catch (RuntimeException ex) {
			write = CompletableFuture.failedFuture(ex);
		}
		return write.handle((done, ex) -> {
			if (ex != null) {
				this.nearCache.remove(key);
				failed("write", entry.kvKey(), unwrap(ex));
			}
			else {
				succeeded();
				written(key, entry);
			}
			return entry.storeValue();
		});
	}

	/**
	 * The store value of a value: {@code NullValue.INSTANCE} for {@code null} and for any other instance of
	 * {@code NullValue} (Spring's marker for a null, which a deserializer or a copy may have created anew),
	 * else the value.
	 * @throws IllegalArgumentException for a null when this cache does not cache nulls, in Spring's own words
	 * and with the ways out
	 */
	private Object storeValue(@Nullable Object value) {
		if (value != null && !(value instanceof NullValue)) {
			return value;
		}
		if (!isAllowNullValues()) {
			throw new IllegalArgumentException("Cache '" + this.name + "' is configured to not allow null values but "
					+ "null was provided. Keep nulls out with @Cacheable(unless = \"#result == null\"), or allow null "
					+ "values in its KVCacheConfiguration (in Spring Boot: cloudflare.kv.cache.caches." + this.name
					+ ".cache-null-values=true)");
		}
		return NullValue.INSTANCE;
	}

	/** @return whether the value stands for null: {@code null} itself, or an instance of Spring's marker */
	private static boolean isNull(@Nullable Object value) {
		return value == null || value instanceof NullValue;
	}

	private Entry prepare(Object key, @Nullable Object value, Object storeValue) {
		Duration ttl = this.configuration.ttlFunction().getTimeToLive(key, isNull(value) ? null : value);
		if (ttl == null || ttl.isNegative()) {
			throw new IllegalStateException("The TtlFunction of cache '" + this.name + "' returned " + ttl
					+ " for key '" + key + "'; it must return a positive duration, or Duration.ZERO for no expiry");
		}
		long expiresAt = ttl.isZero() ? 0 : expiresAt(ttl);
		byte[] payload = null;
		if (!(storeValue instanceof NullValue)) {
			try {
				payload = this.configuration.valueCodec().encode(storeValue);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Cache '" + this.name + "': " + ex.getMessage(), ex);
			}
		}
		return new Entry(kvKey(key), new CacheEntry(expiresAt, payload).encode(), ttl, storeValue, expiresAt);
	}

	private long expiresAt(Duration ttl) {
		long millis;
		try {
			millis = Math.max(1, ttl.toMillis());
			return Math.addExact(this.clock.millis(), millis);
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private void written(Object key, Entry entry) {
		this.statistics.put();
		this.nearCache.put(key, entry.storeValue(), entry.expiresAtMillis());
	}

	private @Nullable Object decode(Object key, String kvKey, byte[] bytes) {
		CacheEntry entry = CacheEntry.decode(bytes);
		if (entry == null) {
			logger.warn("KV cache '" + this.name + "': key '" + kvKey + "' does not hold a cache entry (was it "
					+ "written by something else?); reading it as a miss");
			return null;
		}
		if (entry.isExpired(this.clock.millis())) {
			return null;
		}
		Object storeValue;
		byte[] payload = entry.payload();
		if (payload == null) {
			if (!isAllowNullValues()) {
				return null;
			}
			storeValue = NullValue.INSTANCE;
		}
		else {
			try {
				storeValue = this.configuration.valueCodec().decode(payload);
			}
			catch (RuntimeException ex) {
				logger.warn("KV cache '" + this.name + "': cannot decode the value of key '" + kvKey + "' with "
						+ this.configuration.valueCodec() + "; reading it as a miss: " + ex.getMessage());
				return null;
			}
		}
		this.nearCache.put(key, storeValue, entry.expiresAtMillis());
		return storeValue;
	}

	// ---- failures -----------------------------------------------------------------------------

	private void failed(String operation, String kvKey, Throwable failure) {
		if (!(failure instanceof KVException ex) || failure instanceof KVValidationException) {
			throw propagate(failure);
		}
		this.statistics.error();
		if (!this.configuration.failOpen()) {
			throw ex;
		}
		if (this.failing.compareAndSet(false, true)) {
			logger.warn("KV cache '" + this.name + "' could not " + operation + " '" + kvKey
					+ "' and fails open: reads are misses and writes are skipped until KV answers again", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("KV cache '" + this.name + "' could not " + operation + " '" + kvKey + "': " + ex);
		}
	}

	private void succeeded() {
		if (this.failing.get() && this.failing.compareAndSet(true, false)) {
			logger.info("KV cache '" + this.name + "' reaches KV again");
		}
	}

	private static Object await(Load load, Object key, Callable<?> valueLoader) {
		try {
			return load.result().join();
		}
		catch (CompletionException ex) {
			Throwable cause = unwrap(ex);
			if (cause instanceof ValueRetrievalException retrieval) {
				throw new ValueRetrievalException(key, valueLoader, retrieval.getCause());
			}
			throw propagate(cause);
		}
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	private static RuntimeException propagate(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new CompletionException(failure);
	}

	@Override
	public String toString() {
		return "KVCache[" + this.name + ", " + this.writer + "]";
	}

	/** One write, prepared: the KV key and bytes, the time to live, and what the near cache will hold. */
	private record Entry(String kvKey, byte[] bytes, Duration ttl, Object storeValue, long expiresAtMillis) {
	}

	/** A load in progress: its thread ({@code null} for an asynchronous load) and its store value. */
	private record Load(@Nullable Thread owner, CompletableFuture<Object> result) {
	}

}
