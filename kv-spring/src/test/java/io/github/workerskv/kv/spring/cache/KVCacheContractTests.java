package io.github.workerskv.kv.spring.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.PutOptions;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Spring's {@link Cache} contract on KV, run by a subclass per backend: the embedded store, and the REST
 * client against the emulator over HTTP. The near cache is off here so that every read reaches KV; the
 * near cache has tests of its own.
 */
abstract class KVCacheContractTests {

	static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private static final AtomicInteger caches = new AtomicInteger();

	/** @return the namespace the cache writes through (embedded, or REST over HTTP) */
	abstract KVNamespace namespace();

	/** @return the same namespace seen directly, for arranging and inspecting raw entries */
	abstract KVNamespace backing();

	/** @return the clock of the backend and of the caches */
	abstract MutableClock clock();

	KVCacheConfiguration config() {
		return KVCacheConfiguration.defaultCacheConfig()
			.withValueCodec(KVCacheValueCodec.jsonAllowing(List.of("io.github.workerskv.kv.spring.cache."),
					getClass().getClassLoader()))
			.withoutNearCache();
	}

	KVCache cache(KVCacheConfiguration configuration) {
		KVCacheManager manager = KVCacheManager.builder(namespace())
			.cacheDefaults(configuration)
			.clock(clock())
			.enableStatistics()
			.build();
		manager.afterPropertiesSet();
		return (KVCache) manager.getCache("contract-" + caches.incrementAndGet());
	}

	KVCache cache() {
		return cache(config());
	}

	@Test
	void unknownKeyIsAMiss() {
		KVCache cache = cache();

		assertThat(cache.get("nothing")).isNull();
		assertThat(cache.get("nothing", String.class)).isNull();
		assertThat(cache.getStatistics().misses()).isEqualTo(2);
	}

	@Test
	void putValuesAreReadBackFromKVWithTheirTypes() {
		KVCache cache = cache();
		Book book = new Book("978-0", "KV in Action", List.of("Ada", "Linus"));

		cache.put("text", "hello");
		cache.put("number", 42L);
		cache.put("book", book);
		cache.put("books", List.of(book));
		cache.put("map", Map.of("k", 1));

		assertThat(cache.get("text", String.class)).isEqualTo("hello");
		assertThat(cache.get("number", Long.class)).isEqualTo(42L);
		assertThat(cache.get("book", Book.class)).isEqualTo(book);
		assertThat(cache.get("books").get()).isEqualTo(List.of(book));
		assertThat(cache.get("map").get()).isEqualTo(Map.of("k", 1));
		assertThat(backing().get(cache.kvKey("text"))).startsWith("kvc1 v 0\n");
	}

	@Test
	void getWithTheWrongTypeFails() {
		KVCache cache = cache();
		cache.put("text", "hello");

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> cache.get("text", Long.class));
	}

	@Test
	void nullIsCachedAsAMarkerThatNoCodecSees() {
		KVCache cache = cache();

		cache.put("absent", null);

		Cache.ValueWrapper wrapper = cache.get("absent");
		assertThat(wrapper).isNotNull();
		assertThat(wrapper.get()).isNull();
		assertThat(backing().get(cache.kvKey("absent"))).isEqualTo("kvc1 n 0\n");
	}

	@Test
	void nullIsRejectedNamingTheFixWhenNullsAreNotCached() {
		KVCache cache = cache(config().withCacheNullValues(false));

		assertThatIllegalArgumentException().isThrownBy(() -> cache.put("absent", null))
			.withMessageStartingWith("Cache '" + cache.getName() + "' is configured to not allow null values but null "
					+ "was provided. ")
			.withMessageContaining("unless = \"#result == null\"")
			.withMessageEndingWith("cloudflare.kv.cache.caches." + cache.getName() + ".cache-null-values=true)");
		assertThat(backing().get(cache.kvKey("absent"))).isNull();
	}

	@Test
	void evictDeletesTheKey() {
		KVCache cache = cache();
		cache.put("k", "v");

		cache.evict("k");

		assertThat(cache.get("k")).isNull();
		assertThat(backing().get(cache.kvKey("k"))).isNull();
		assertThat(cache.getStatistics().evictions()).isEqualTo(1);
	}

	@Test
	void evictIfPresentDeletesTheKeyBeforeReturning() {
		KVCache cache = cache();
		cache.put("k", "v");

		cache.evictIfPresent("k");

		assertThat(backing().get(cache.kvKey("k"))).isNull();
		assertThat(cache.get("k")).isNull();
	}

	@Test
	void clearDeletesEveryKeyOfTheCacheAcrossListPagesAndNothingElse() {
		KVCache cache = cache();
		KVCache other = cache();
		for (int i = 0; i < 1_005; i++) {
			backing().put(cache.kvKey("k" + i), "kvc1 v 0\n\"v\"");
		}
		other.put("k1", "kept");
		backing().put("unrelated", "kept");

		cache.clear();

		assertThat(backing().list(ListOptions.defaults().withPrefix(cache.kvKeyPrefix())).keys()).isEmpty();
		assertThat(other.get("k1", String.class)).isEqualTo("kept");
		assertThat(backing().get("unrelated")).isEqualTo("kept");
	}

	@Test
	void invalidateSaysWhetherAnythingWasDeleted() {
		KVCache cache = cache();
		cache.put("k", "v");

		assertThat(cache.invalidate()).isTrue();
		assertThat(cache.get("k")).isNull();
		assertThat(cache.invalidate()).isFalse();
	}

	@Test
	void putIfAbsentKeepsAnExistingValueAndWritesAMissingOne() {
		KVCache cache = cache();
		cache.put("taken", "first");

		assertThat(cache.putIfAbsent("taken", "second").get()).isEqualTo("first");
		assertThat(cache.putIfAbsent("free", "second")).isNull();

		assertThat(cache.get("taken", String.class)).isEqualTo("first");
		assertThat(cache.get("free", String.class)).isEqualTo("second");
	}

	@Test
	void getWithALoaderLoadsOnceThenReadsFromKV() {
		KVCache cache = cache();
		AtomicInteger calls = new AtomicInteger();

		String first = cache.get("k", () -> "loaded-" + calls.incrementAndGet());
		String second = cache.get("k", () -> "loaded-" + calls.incrementAndGet());

		assertThat(first).isEqualTo("loaded-1");
		assertThat(second).isEqualTo("loaded-1");
		assertThat(calls).hasValue(1);
		assertThat(backing().get(cache.kvKey("k"))).endsWith("\"loaded-1\"");
	}

	@Test
	void aFailingLoaderSurfacesAsAValueRetrievalExceptionAndCachesNothing() {
		KVCache cache = cache();

		assertThatExceptionOfType(Cache.ValueRetrievalException.class)
			.isThrownBy(() -> cache.get("k", () -> {
				throw new IllegalStateException("backend down");
			}))
			.withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(cache.get("k")).isNull();
	}

	@Test
	void retrieveCompletesWithNullOnAMissAndWithAWrapperOnAHit() {
		KVCache cache = cache();
		cache.put("k", "v");
		cache.put("nothing", null);

		assertThat(cache.retrieve("missing").join()).isNull();
		assertThat(cache.retrieve("k").join()).isInstanceOfSatisfying(Cache.ValueWrapper.class,
				(wrapper) -> assertThat(wrapper.get()).isEqualTo("v"));
		assertThat(cache.retrieve("nothing").join()).isInstanceOfSatisfying(Cache.ValueWrapper.class,
				(wrapper) -> assertThat(wrapper.get()).isNull());
	}

	@Test
	void retrieveWithALoaderLoadsStoresAndThenReads() {
		KVCache cache = cache();
		AtomicInteger calls = new AtomicInteger();

		String first = cache.retrieve("k", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet())).join();
		String second = cache.retrieve("k", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet())).join();

		assertThat(first).isEqualTo("v1");
		assertThat(second).isEqualTo("v1");
		assertThat(backing().get(cache.kvKey("k"))).endsWith("\"v1\"");
	}

	@Test
	void keysFollowTheDocumentedVersionedFormatUnderThePrefix() {
		KVCache cache = cache(config().withKeyPrefix("cache:"));
		String name = cache.getName();

		assertThat(cache.kvKey("isbn:978-0")).isEqualTo("cache:" + name + "::v1::isbn:978-0");
		assertThat(cache.kvKey(42)).isEqualTo("cache:" + name + "::v1::42");
		assertThat(cache.kvKey(new SimpleKey("a,b", 7, null))).isEqualTo("cache:" + name + "::v1::[a\\,b,7,\\N]");
		assertThat(cache.kvKey(SimpleKey.EMPTY)).isEqualTo("cache:" + name + "::v1::[]");
		assertThat(cache.kvKeyPrefix()).isEqualTo("cache:" + name + "::");
	}

	@Test
	void keysOverKVsLimitAreHashedUnderTheCachePrefixAndStillWork() {
		KVCache cache = cache();
		String longKey = "x".repeat(600);

		cache.put(longKey, "v");

		assertThat(cache.kvKey(longKey)).startsWith(cache.kvKeyPrefix() + "v1h::").hasSize(
				cache.kvKeyPrefix().length() + "v1h::".length() + 64);
		assertThat(cache.get(longKey, String.class)).isEqualTo("v");
		assertThat(cache.kvKey("y".repeat(600))).isNotEqualTo(cache.kvKey(longKey));
	}

	@Test
	void aTtlBelowKVsMinimumExpiresTheEntryLogicallyWhileKVKeepsItForSixtySeconds() {
		KVCache cache = cache(config().withTtl(Duration.ofSeconds(10)));
		Instant written = clock().instant();

		cache.put("k", "v");

		KVKey stored = onlyKey(cache);
		assertThat(stored.expiration()).isEqualTo(written.getEpochSecond() + 60);
		assertThat(backing().get(stored.name())).startsWith("kvc1 v " + written.plusSeconds(10).toEpochMilli() + "\n");
		clock().advance(Duration.ofSeconds(9));
		assertThat(cache.get("k", String.class)).isEqualTo("v");
		clock().advance(Duration.ofSeconds(1));
		assertThat(cache.get("k")).isNull();
		assertThat(backing().get(stored.name())).as("still in KV until its KV expiration").isNotNull();
	}

	@Test
	void aTtlAboveTheMinimumBecomesKVsExpirationRoundedUpToWholeSeconds() {
		KVCache cache = cache(config().withTtl(Duration.ofMillis(90_500)));
		long writtenAt = clock().instant().getEpochSecond();

		cache.put("k", "v");

		assertThat(onlyKey(cache).expiration()).isEqualTo(writtenAt + 91);
	}

	@Test
	void aZeroTtlNeverExpires() {
		KVCache cache = cache(config().withTtl(Duration.ZERO));

		cache.put("k", "v");
		clock().advance(Duration.ofDays(400));

		assertThat(onlyKey(cache).expiration()).isNull();
		assertThat(cache.get("k", String.class)).isEqualTo("v");
	}

	@Test
	void theTtlFunctionIsAskedOnEveryWriteWithTheKeyAndValue() {
		List<String> asked = new ArrayList<>();
		KVCache cache = cache(config().withTtl((key, value) -> {
			asked.add(key + "=" + value);
			return "short".equals(value) ? Duration.ofSeconds(5) : Duration.ZERO;
		}));

		cache.put("a", "short");
		cache.put("b", "long");
		cache.put("a", "long");
		clock().advance(Duration.ofSeconds(6));

		assertThat(asked).containsExactly("a=short", "b=long", "a=long");
		assertThat(cache.get("a", String.class)).isEqualTo("long");
		assertThat(cache.get("b", String.class)).isEqualTo("long");
	}

	@Test
	void aValueNotWrittenByTheCacheIsAMiss() {
		KVCache cache = cache();
		backing().put(cache.kvKey("foreign"), "written by a Worker", PutOptions.none());
		backing().put(cache.kvKey("garbled"), "kvc1 v 0\n{not json".getBytes(StandardCharsets.UTF_8));

		assertThat(cache.get("foreign")).isNull();
		assertThat(cache.get("garbled")).isNull();
	}

	private KVKey onlyKey(KVCache cache) {
		List<KVKey> keys = backing().list(ListOptions.defaults().withPrefix(cache.kvKeyPrefix())).keys();
		assertThat(keys).hasSize(1);
		return keys.get(0);
	}

}
