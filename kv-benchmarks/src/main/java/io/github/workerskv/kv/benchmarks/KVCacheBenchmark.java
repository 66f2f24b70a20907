package io.github.workerskv.kv.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.spring.cache.KVCacheConfiguration;
import io.github.workerskv.kv.spring.cache.KVCacheManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

/**
 * {@code Cache.get(key)} of Spring's cache abstraction, side by side in one run:
 * <ul>
 * <li>{@code kvCacheNearCacheHit}: a {@code KVCache} whose near cache holds the key (the common case for hot
 * keys);</li>
 * <li>{@code kvCacheNearCacheHitShortTtl}: the same with a 30 second time to live, shorter than the near
 * cache's, so a hit also reads the clock to check the entry's own expiry;</li>
 * <li>{@code kvCacheNearCacheMissEmbeddedStore}: a {@code KVCache} without a near cache, so every read is
 * answered by the embedded store (a KV read, header and JSON decoded);</li>
 * <li>{@code caffeineCacheHit}: Spring's {@code CaffeineCacheManager} as Spring Boot configures it by default
 * (unbounded, no expiry);</li>
 * <li>{@code caffeineCacheBoundedHit}: the same with the near cache's bounds ({@code maximumSize=10000},
 * {@code expireAfterWrite=60s}), the fair comparison for the near cache.</li>
 * </ul>
 * The target is a near-cache hit within 2x of {@code caffeineCacheHit}. 1,000 string keys, read in turn.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KVCacheBenchmark {

	private static final int KEYS = 1_000;

	private LocalKVStore store;

	private Cache kvNear;

	private Cache kvNearShortTtl;

	private Cache kvStore;

	private Cache caffeine;

	private Cache caffeineBounded;

	private String[] keys;

	@Setup(Level.Trial)
	public void fill() {
		this.store = LocalKVStore.inMemory();
		KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig();
		this.kvNear = manager(defaults).getCache("near");
		this.kvNearShortTtl = manager(defaults.withTtl(Duration.ofSeconds(30))).getCache("short");
		this.kvStore = manager(defaults.withoutNearCache()).getCache("store");
		CaffeineCacheManager caffeineManager = new CaffeineCacheManager();
		this.caffeine = caffeineManager.getCache("caffeine");
		CaffeineCacheManager boundedManager = new CaffeineCacheManager();
		boundedManager.setCacheSpecification("maximumSize=10000,expireAfterWrite=60s");
		this.caffeineBounded = boundedManager.getCache("bounded");
		this.keys = new String[KEYS];
		for (int i = 0; i < KEYS; i++) {
			this.keys[i] = "key-" + i;
			Object value = List.of("value", i);
			for (Cache cache : List.of(this.kvNear, this.kvNearShortTtl, this.kvStore, this.caffeine, this.caffeineBounded)) {
				cache.put(this.keys[i], value);
			}
		}
	}

	private KVCacheManager manager(KVCacheConfiguration defaults) {
		KVCacheManager manager = KVCacheManager.builder(this.store.namespace("bench"))
			.cacheDefaults(defaults)
			.enableStatistics()
			.build();
		manager.afterPropertiesSet();
		return manager;
	}

	@TearDown(Level.Trial)
	public void close() {
		this.store.close();
	}

	/** Each thread reads the keys in turn. */
	@State(Scope.Thread)
	public static class Cursor {

		private int next;

		String key(KVCacheBenchmark benchmark) {
			String key = benchmark.keys[this.next];
			this.next = (this.next + 1 == KEYS) ? 0 : this.next + 1;
			return key;
		}

	}

	@Benchmark
	public Cache.ValueWrapper kvCacheNearCacheHit(Cursor cursor) {
		return this.kvNear.get(cursor.key(this));
	}

	@Benchmark
	public Cache.ValueWrapper kvCacheNearCacheHitShortTtl(Cursor cursor) {
		return this.kvNearShortTtl.get(cursor.key(this));
	}

	@Benchmark
	public Cache.ValueWrapper kvCacheNearCacheMissEmbeddedStore(Cursor cursor) {
		return this.kvStore.get(cursor.key(this));
	}

	@Benchmark
	public Cache.ValueWrapper caffeineCacheHit(Cursor cursor) {
		return this.caffeine.get(cursor.key(this));
	}

	@Benchmark
	public Cache.ValueWrapper caffeineCacheBoundedHit(Cursor cursor) {
		return this.caffeineBounded.get(cursor.key(this));
	}

}
