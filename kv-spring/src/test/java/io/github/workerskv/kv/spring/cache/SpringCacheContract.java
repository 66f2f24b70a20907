package io.github.workerskv.kv.spring.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.KVNamespace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.cache.Cache;
import org.springframework.cache.support.NullValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What Spring's own cache test fixtures ({@code AbstractCacheTests}, {@code AbstractValueAdaptingCacheTests})
 * check of every {@link Cache}, checked here on {@link KVCache} with tests of our own, for each backend (the
 * embedded store, the REST client over HTTP to the emulator) with and without the near cache: the subclasses
 * are that matrix. Values come back equal rather than the same instance unless the near cache holds them.
 */
abstract class SpringCacheContract {

	static final String CACHE_NAME = "contract";

	static final String CACHE_NAME_NO_NULL = "contract-no-null";

	/** @return the namespace the caches write through */
	abstract KVNamespace namespace();

	/** @return whether the caches have a near cache */
	abstract boolean nearCache();

	private KVCacheManager manager(boolean allowNull) {
		KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig()
			.withValueCodec(KVCacheValueCodec.jsonAllowing(List.of("io.github.workerskv.kv.spring.cache."),
					getClass().getClassLoader()))
			.withCacheNullValues(allowNull)
			.withKeyPrefix("contract-" + UUID.randomUUID() + ":");
		KVCacheManager manager = KVCacheManager.builder(namespace())
			.cacheDefaults(nearCache() ? defaults : defaults.withoutNearCache())
			.initialCacheNames(Set.of(allowNull ? CACHE_NAME : CACHE_NAME_NO_NULL))
			.build();
		manager.afterPropertiesSet();
		return manager;
	}

	KVCache cache() {
		return cache(true);
	}

	KVCache cache(boolean allowNull) {
		KVCache cache = (KVCache) manager(allowNull).getCache(allowNull ? CACHE_NAME : CACHE_NAME_NO_NULL);
		assertThat(cache).isNotNull();
		assertThat(cache.getConfiguration().nearCacheEnabled()).isEqualTo(nearCache());
		return cache;
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	@Test
	void nameIsTheOneTheManagerWasAskedFor() {
		assertThat(cache().getName()).isEqualTo(CACHE_NAME);
	}

	@Test
	void nativeCacheIsTheWriterEveryTime() {
		KVCache cache = cache();

		assertThat(cache.getNativeCache()).isInstanceOf(KVCacheWriter.class).isSameAs(cache.getNativeCache());
	}

	@Test
	void missIsNullWhateverTypeIsAskedFor() {
		KVCache cache = cache();
		String key = key();

		assertThat(cache.get(key)).isNull();
		assertThat(cache.get(key, String.class)).isNull();
		assertThat(cache.get(key, Object.class)).isNull();
	}

	@Test
	void putValueIsReadBackWrappedAndByEachTypeItHasAndWithoutAType() {
		KVCache cache = cache();
		String key = key();

		cache.put(key, "george");

		assertThat(cache.get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isEqualTo("george");
		assertThat(cache.get(key, String.class)).isEqualTo("george");
		assertThat(cache.get(key, CharSequence.class)).isEqualTo("george");
		assertThat(cache.get(key, Object.class)).isEqualTo("george");
		assertThat(cache.get(key, (Class<Object>) null)).isEqualTo("george");
	}

	@Test
	void putOverwritesAnEarlierValue() {
		KVCache cache = cache();
		String key = key();

		cache.put(key, "first");
		cache.put(key, "second");

		assertThat(cache.get(key, String.class)).isEqualTo("second");
	}

	@Test
	void putNullIsAHitHoldingNull() {
		KVCache cache = cache();
		String key = key();
		cache.put(key, "george");

		cache.put(key, null);

		assertThat(cache.get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get(key, String.class)).isNull();
		assertThat(cache.get(key, Object.class)).isNull();
	}

	@Test
	void anotherInstanceOfNullValueIsStoredAsNullNotHandedToTheCodec() {
		KVCache cache = cache();
		String key = key();
		NullValue another = BeanUtils.instantiateClass(NullValue.class);
		assertThat(another).isNotSameAs(NullValue.INSTANCE);

		cache.put(key, another);

		assertThat(cache.get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get(key, String.class)).isNull();
		assertThat(cache.get(key, Object.class)).isNull();
		assertThat(namespace().get(cache.kvKey(key))).as("the null marker, no payload").startsWith("kvc1 n ");
	}

	@Test
	void wrongTypeIsAnIllegalStateException() {
		KVCache cache = cache();
		String key = key();
		cache.put(key, "george");

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> cache.get(key, Integer.class))
			.withMessageContaining("Cached value is not of required type [java.lang.Integer]");
	}

	@Test
	void putIfAbsentWritesAMissingKeyAndReturnsNull() {
		KVCache cache = cache();
		String key = key();

		assertThat(cache.putIfAbsent(key, "initial")).isNull();

		assertThat(cache.get(key, String.class)).isEqualTo("initial");
	}

	@Test
	void putIfAbsentKeepsAndReturnsThePresentValue() {
		KVCache cache = cache();
		String key = key();
		cache.putIfAbsent(key, "initial");

		assertThat(cache.putIfAbsent(key, "another")).isNotNull()
			.extracting(Cache.ValueWrapper::get)
			.isEqualTo("initial");
		assertThat(cache.get(key, String.class)).isEqualTo("initial");
	}

	@Test
	void putIfAbsentTreatsACachedNullAsPresent() {
		KVCache cache = cache();
		String key = key();
		cache.put(key, null);

		assertThat(cache.putIfAbsent(key, "another")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
		assertThat(cache.get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
	}

	@Test
	void evictRemovesTheEntryAndLeavesOthers() {
		KVCache cache = cache();
		String key = key();
		String other = key();
		cache.put(key, "george");
		cache.put(other, "aurel");

		cache.evict(key);

		assertThat(cache.get(key)).isNull();
		assertThat(cache.get(other, String.class)).isEqualTo("aurel");
	}

	@Test
	void evictOfAMissingKeyIsNoError() {
		KVCache cache = cache();
		String key = key();

		cache.evict(key);

		assertThat(cache.get(key)).isNull();
	}

	@Test
	void clearRemovesEveryEntry() {
		KVCache cache = cache();
		cache.put("enescu", "george");
		cache.put("vlaicu", "aurel");

		cache.clear();

		assertThat(cache.get("enescu")).isNull();
		assertThat(cache.get("vlaicu")).isNull();
	}

	@Test
	void invalidateRemovesEveryEntryAndSaysSo() {
		KVCache cache = cache();
		cache.put("enescu", "george");

		assertThat(cache.invalidate()).isTrue();
		assertThat(cache.get("enescu")).isNull();
		assertThat(cache.invalidate()).isFalse();
	}

	@Test
	void getWithALoaderReturnsAndCachesWhatItLoads() {
		KVCache cache = cache();
		String key = key();

		assertThat(cache.get(key, () -> "loaded")).isEqualTo("loaded");

		assertThat(cache.get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isEqualTo("loaded");
	}

	@Test
	void getWithALoaderThatReturnsNullCachesTheNull() {
		KVCache cache = cache();
		String key = key();

		String loaded = cache.get(key, () -> null);

		assertThat(loaded).isNull();
		assertThat(cache.get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
	}

	@Test
	void getWithALoaderDoesNotCallItOnAHit() {
		KVCache cache = cache();
		String key = key();
		cache.put(key, "existing");

		Object value = cache.get(key, () -> {
			throw new IllegalStateException("the loader must not be called on a hit");
		});

		assertThat(value).isEqualTo("existing");
	}

	@Test
	void getWithALoaderDoesNotCallItOnACachedNull() {
		KVCache cache = cache();
		String key = key();
		cache.put(key, null);

		Object value = cache.get(key, () -> {
			throw new IllegalStateException("the loader must not be called on a cached null");
		});

		assertThat(value).isNull();
	}

	@Test
	void loaderFailureIsAValueRetrievalExceptionWithTheFailureAsItsCause() {
		KVCache cache = cache();
		String key = key();

		assertThatExceptionOfType(Cache.ValueRetrievalException.class).isThrownBy(() -> cache.get(key, () -> {
			throw new UnsupportedOperationException("expected");
		})).satisfies((ex) -> {
			assertThat(ex.getKey()).isEqualTo(key);
			assertThat(ex.getCause()).isExactlyInstanceOf(UnsupportedOperationException.class).hasMessage("expected");
		});
		assertThat(cache.get(key)).isNull();
	}

	@Test
	void concurrentLoadsOfOneKeyCallTheLoaderOnceAndAllGetItsValue() throws InterruptedException {
		KVCache cache = cache();
		String key = key();
		AtomicInteger calls = new AtomicInteger();
		CountDownLatch inLoader = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ConcurrentLinkedQueue<Object> values = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Thread thread = new Thread(() -> {
				try {
					values.add(cache.get(key, () -> {
						inLoader.countDown();
						assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
						return calls.incrementAndGet();
					}));
				}
				catch (RuntimeException | Error ex) {
					failures.add(ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		assertThat(inLoader.await(30, TimeUnit.SECONDS)).isTrue();
		release.countDown();
		for (Thread thread : threads) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}

		assertThat(failures).isEmpty();
		assertThat(values).hasSize(10).containsOnly(1);
		assertThat(calls).hasValue(1);
	}

	@Test
	void nullIsRejectedInSpringsWordsWhenNullValuesAreNotAllowed() {
		KVCache cache = cache(false);
		String key = key();

		assertThatIllegalArgumentException().isThrownBy(() -> cache.put(key, null))
			.withMessageContaining(CACHE_NAME_NO_NULL)
			.withMessageContaining("is configured to not allow null values but null was provided")
			.withMessageContaining("cloudflare.kv.cache.caches." + CACHE_NAME_NO_NULL + ".cache-null-values=true");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> cache.put(key, BeanUtils.instantiateClass(NullValue.class)))
			.withMessageContaining("is configured to not allow null values but null was provided");
		assertThat(cache.get(key)).isNull();
	}

	@Test
	void loaderThatReturnsNullIsNotCachedWhenNullValuesAreNotAllowed() {
		KVCache cache = cache(false);
		String key = key();

		String loaded = cache.get(key, () -> null);

		assertThat(loaded).isNull();
		assertThat(cache.get(key)).isNull();
		assertThat(cache.get(key, () -> "later")).isEqualTo("later");
	}

	@Test
	void putIfAbsentOfNullIsRejectedWhenNullValuesAreNotAllowed() {
		KVCache cache = cache(false);

		assertThatIllegalArgumentException().isThrownBy(() -> cache.putIfAbsent(key(), null))
			.withMessageContaining("is configured to not allow null values but null was provided");
	}

}
