package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The near cache in front of KV: filled on reads and writes, emptied by this JVM's evicts and clears, bounded
 * in size and in time (60 seconds by default, and never past an entry's own expiry), and blind to changes
 * made by others until its entries expire.
 */
class KVCacheNearCacheTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(this.clock));

	private final KVNamespace namespace = this.store.namespace("near");

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	private final OutageWriter writer = new OutageWriter(KVCacheWriter.create(this.namespace));

	private KVCache cache(KVCacheConfiguration configuration) {
		KVCacheManager manager = KVCacheManager.builder(this.writer)
			.cacheDefaults(configuration)
			.clock(this.clock)
			.enableStatistics()
			.build();
		manager.afterPropertiesSet();
		return (KVCache) manager.getCache("near");
	}

	private KVCache cache() {
		return cache(KVCacheConfiguration.defaultCacheConfig());
	}

	@Test
	void isOnByDefaultWhenCaffeineIsPresentWithSixtySecondsAndTenThousandEntries() {
		KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig();

		assertThat(defaults.nearCacheEnabled()).isTrue();
		assertThat(defaults.nearCacheTtl()).isEqualTo(Duration.ofSeconds(60));
		assertThat(defaults.nearCacheMaximumSize()).isEqualTo(10_000);
	}

	@Test
	void aWriteFillsItSoTheNextReadDoesNotAskKV() {
		KVCache cache = cache();

		cache.put("k", "v");
		this.namespace.put(cache.kvKey("k"), "kvc1 v 0\n\"changed elsewhere\"");

		assertThat(cache.get("k", String.class)).isEqualTo("v");
		assertThat(cache.getStatistics().nearCacheHits()).isEqualTo(1);
	}

	@Test
	void aReadFillsItSoTheNextReadDoesNotAskKV() {
		KVCache cache = cache();
		this.namespace.put(cache.kvKey("k"), "kvc1 v 0\n\"first\"");

		assertThat(cache.get("k", String.class)).isEqualTo("first");
		this.namespace.put(cache.kvKey("k"), "kvc1 v 0\n\"second\"");

		assertThat(cache.get("k", String.class)).isEqualTo("first");
		assertThat(cache.getStatistics()).extracting(KVCacheStatistics::hits, KVCacheStatistics::nearCacheHits,
				KVCacheStatistics::misses).containsExactly(2L, 1L, 0L);
	}

	@Test
	void changesByOthersAreSeenOnceItsEntryIsSixtySecondsOld() {
		KVCache cache = cache();
		cache.put("k", "mine");
		this.namespace.put(cache.kvKey("k"), "kvc1 v 0\n\"theirs\"");

		this.clock.advance(Duration.ofSeconds(59));
		assertThat(cache.get("k", String.class)).isEqualTo("mine");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(cache.get("k", String.class)).isEqualTo("theirs");
	}

	@Test
	void anEntryNeverOutlivesItsOwnExpiry() {
		KVCache cache = cache(KVCacheConfiguration.defaultCacheConfig().withTtl(Duration.ofSeconds(5)));
		cache.put("k", "v");

		this.clock.advance(Duration.ofSeconds(5));

		assertThat(cache.get("k")).isNull();
	}

	@Test
	void evictsAndClearsEmptyItAtOnce() {
		KVCache cache = cache();
		cache.put("a", "1");
		cache.put("b", "2");

		assertThat(cache.evictIfPresent("a")).as("the near cache held it").isTrue();
		assertThat(cache.get("a")).isNull();
		cache.clear();
		assertThat(cache.get("b")).isNull();
		assertThat(cache.evictIfPresent("b")).as("not known without reading KV").isFalse();
	}

	@Test
	void aFailedWriteDropsTheKeySoNoStaleValueIsServed() {
		KVCache cache = cache(KVCacheConfiguration.defaultCacheConfig().withFailOpen(true));
		cache.put("k", "old");
		this.writer.down(true);

		cache.put("k", "new");

		assertThat(cache.get("k")).isNull();
		this.writer.down(false);
		assertThat(cache.get("k", String.class)).as("KV kept the old value").isEqualTo("old");
	}

	@Test
	void itHoldsAtMostItsMaximumSize() {
		KVCache cache = cache(KVCacheConfiguration.defaultCacheConfig().withNearCache(10, Duration.ofSeconds(60)));
		for (int i = 0; i < 100; i++) {
			cache.put("k" + i, "v" + i);
		}

		NearCache near = cache.nearCache();
		near.cleanUp();

		assertThat(near.size()).isLessThanOrEqualTo(10);
		assertThat(cache.get("k0", String.class)).as("evicted locally, still in KV").isEqualTo("v0");
	}

	@Test
	void itHoldsNullsOnlyAsTheCachedNullMarker() {
		KVCache cache = cache();

		cache.put("nothing", null);

		assertThat(cache.get("nothing")).isNotNull().extracting((wrapper) -> wrapper.get()).isNull();
		assertThat(cache.getStatistics().nearCacheHits()).isEqualTo(1);
	}

	@Test
	void withoutItEveryReadAsksKV() {
		KVCache cache = cache(KVCacheConfiguration.defaultCacheConfig().withoutNearCache());
		cache.put("k", "mine");
		this.namespace.put(cache.kvKey("k"), "kvc1 v 0\n\"theirs\"");

		assertThat(cache.get("k", String.class)).isEqualTo("theirs");
		assertThat(cache.getStatistics().nearCacheHits()).isZero();
	}

	@Test
	void theSameInstanceIsReturnedToEveryReader() {
		KVCache cache = cache();
		List<String> value = List.of("a");
		cache.put("k", value);

		assertThat(cache.get("k").get()).isSameAs(value);
	}

}
