package io.github.workerskv.kv.spring.cache;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.spring.cache.CountingService.TestEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheConfig;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.cache.interceptor.SimpleKeyGenerator;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What Spring's cache annotation test fixture ({@code AbstractCacheAnnotationTests}) checks of the annotations
 * on Spring's own caches, checked here with tests of our own on a {@link KVCacheManager}, for each backend and
 * with and without the near cache (the subclasses). Every invocation of the {@link CountingService} returns a
 * new number, so a cached answer is told from a new invocation by value.
 */
abstract class SpringCacheAnnotationContract {

	/** @return the namespace the caches write through */
	abstract KVNamespace namespace();

	/** @return whether the caches have a near cache */
	abstract boolean nearCache();

	private AnnotationConfigApplicationContext context;

	private CountingService service;

	private ClassConfiguredService classService;

	private CacheManager cacheManager;

	@BeforeEach
	void startContext() {
		this.context = new AnnotationConfigApplicationContext();
		KVCacheConfiguration defaults = KVCacheConfiguration.defaultCacheConfig()
			.withValueCodec(KVCacheValueCodec.jsonAllowing(List.of("io.github.workerskv.kv.spring.cache."),
					getClass().getClassLoader()))
			.withKeyPrefix("annotations-" + UUID.randomUUID() + ":");
		KVCacheConfiguration configuration = nearCache() ? defaults : defaults.withoutNearCache();
		this.context.registerBean("cacheManager", KVCacheManager.class, () -> KVCacheManager.builder(namespace())
			.cacheDefaults(configuration)
			.initialCacheNames(Set.of("testCache", "primary", "secondary"))
			.disableCreateOnMissingCache()
			.build(), (definition) -> definition.setPrimary(true));
		this.context.registerBean("customCacheManager", KVCacheManager.class, () -> KVCacheManager
			.builder(namespace())
			.cacheDefaults(configuration.withKeyPrefix(configuration.keyPrefix() + "custom:"))
			.initialCacheNames(Set.of("testCache"))
			.build());
		this.context.register(CachingConfiguration.class);
		this.context.refresh();
		this.service = this.context.getBean(CountingService.class);
		this.classService = this.context.getBean(ClassConfiguredService.class);
		this.cacheManager = this.context.getBean("cacheManager", CacheManager.class);
		assertThat(this.cacheManager.getCacheNames()).containsOnly("testCache", "primary", "secondary");
	}

	@AfterEach
	void closeContext() {
		this.context.close();
	}

	private Cache cache(String name) {
		Cache cache = this.cacheManager.getCache(name);
		assertThat(cache).as(name).isNotNull();
		return cache;
	}

	private static String key() {
		return UUID.randomUUID().toString();
	}

	@Test
	void cacheableAnswersLaterCallsFromTheCache() {
		String key = key();

		Long first = this.service.cache(key);

		assertThat(this.service.cache(key)).isEqualTo(first);
		assertThat(this.service.cache(key)).isEqualTo(first);
		assertThat(this.service.invocations()).isEqualTo(1);
		assertThat(cache("testCache").get(key, Long.class)).isEqualTo(first);
	}

	@Test
	void cacheableCachesANullResult() {
		String key = key();
		assertThat(cache("testCache").get(key)).isNull();

		assertThat(this.service.cacheNull(key)).isNull();
		assertThat(this.service.cacheNull(key)).isNull();

		assertThat(this.service.invocations()).isEqualTo(1);
		assertThat(cache("testCache").get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
	}

	@Test
	void synchronizedCacheableAnswersLaterCallsFromTheCache() {
		String key = key();

		Long first = this.service.cacheSync(key);

		assertThat(this.service.cacheSync(key)).isEqualTo(first);
		assertThat(this.service.invocations()).isEqualTo(1);
	}

	@Test
	void synchronizedCacheableCachesANullResult() {
		String key = key();

		assertThat(this.service.cacheSyncNull(key)).isNull();
		assertThat(this.service.cacheSyncNull(key)).isNull();

		assertThat(this.service.invocations()).isEqualTo(1);
		assertThat(cache("testCache").get(key)).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
	}

	@Test
	void evictRemovesTheKeySoTheNextCallInvokesAgain() {
		String key = key();
		cache("testCache").putIfAbsent(key, -1L);
		Long first = this.service.cache(key);
		assertThat(first).isEqualTo(-1L);

		this.service.evict(key);

		assertThat(cache("testCache").get(key)).isNull();
		assertThat(this.service.cache(key)).isNotEqualTo(first);
	}

	@Test
	void evictBeforeInvocationHappensEvenWhenTheMethodThrows() {
		String key = key();
		Long first = this.service.cache(key);

		assertThatIllegalStateException().isThrownBy(() -> this.service.evictEarly(key));

		assertThat(cache("testCache").get(key)).isNull();
		assertThat(this.service.cache(key)).isNotEqualTo(first);
	}

	@Test
	void evictAfterInvocationIsSkippedWhenTheMethodThrows() {
		String key = key();
		Long first = this.service.cache(key);

		assertThatIllegalStateException().isThrownBy(() -> this.service.evictWithException(key));

		assertThat(this.service.cache(key)).isEqualTo(first);
	}

	@Test
	void evictAllEntriesEmptiesTheCache() {
		String one = key();
		String two = key();
		cache("testCache").putIfAbsent(one, -1L);
		cache("testCache").putIfAbsent(two, -2L);
		assertThat(this.service.cache(one)).isEqualTo(-1L);

		this.service.evictAll(key());

		assertThat(cache("testCache").get(one)).isNull();
		assertThat(cache("testCache").get(two)).isNull();
		assertThat(this.service.cache(one)).isNotEqualTo(-1L);
		assertThat(this.service.cache(two)).isNotEqualTo(-2L);
	}

	@Test
	void evictAllEntriesBeforeInvocationHappensEvenWhenTheMethodThrows() {
		String one = key();
		String two = key();
		cache("testCache").putIfAbsent(one, -1L);
		cache("testCache").putIfAbsent(two, -2L);

		assertThatIllegalStateException().isThrownBy(() -> this.service.evictAllEarly(key()));

		assertThat(cache("testCache").get(one)).isNull();
		assertThat(cache("testCache").get(two)).isNull();
	}

	@Test
	void conditionDecidesWhetherTheResultIsCached() {
		this.cacheManager.getCache("testCache").clear();

		assertThat(this.service.conditional(4)).isNotEqualTo(this.service.conditional(4));
		Long three = this.service.conditional(3);
		assertThat(this.service.conditional(3)).isEqualTo(three);
	}

	@Test
	void conditionDecidesWhetherTheResultIsCachedWhenSynchronized() {
		this.cacheManager.getCache("testCache").clear();

		assertThat(this.service.conditionalSync(4)).isNotEqualTo(this.service.conditionalSync(4));
		Long three = this.service.conditionalSync(3);
		assertThat(this.service.conditionalSync(3)).isEqualTo(three);
	}

	@Test
	void unlessKeepsAResultOutOfTheCache() {
		Cache cache = cache("testCache");
		cache.clear();

		this.service.unless(10);
		this.service.unless(11);

		assertThat(cache.get(10, Long.class)).isEqualTo(10L);
		assertThat(cache.get(11)).isNull();
	}

	@Test
	void keyExpressionChoosesTheKey() {
		this.cacheManager.getCache("testCache").clear();

		assertThat(this.service.key(5, 1)).isEqualTo(this.service.key(5, 2));
		assertThat(this.service.key(1, 5)).isNotEqualTo(this.service.key(2, 5));
	}

	@Test
	void varArgsAreTheKey() {
		this.cacheManager.getCache("testCache").clear();
		Long first = this.service.varArgsKey(1, 2, 3);

		assertThat(this.service.varArgsKey(1, 2, 3)).isEqualTo(first);
		assertThat(this.service.varArgsKey(1, 2)).isNotEqualTo(first);
	}

	@Test
	void methodNameCanBeTheKey() {
		this.cacheManager.getCache("testCache").clear();
		Long first = this.service.name(key());

		assertThat(this.service.name(key())).isEqualTo(first);
		assertThat(cache("testCache").get("name", Long.class)).isEqualTo(first);
	}

	@Test
	void rootVariablesCanMakeTheKey() {
		this.cacheManager.getCache("testCache").clear();
		Long first = this.service.rootVars(key());

		assertThat(this.service.rootVars(key())).isEqualTo(first);
		assertThat(cache("testCache").get("rootVarsrootVarsCountingServiceCountingService", Long.class))
			.isEqualTo(first);
	}

	@Test
	void customKeyGeneratorMakesTheKey() {
		Object argument = key();
		Long first = this.service.customKeyGenerator(argument);

		assertThat(this.service.customKeyGenerator(argument)).isEqualTo(first);
		assertThat(cache("testCache").get("custom:" + argument, Long.class)).isEqualTo(first);
	}

	@Test
	void unknownKeyGeneratorIsAMissingBean() {
		assertThatExceptionOfType(NoSuchBeanDefinitionException.class)
			.isThrownBy(() -> this.service.unknownCustomKeyGenerator(key()));
	}

	@Test
	void customCacheManagerHoldsTheEntry() {
		String key = key();
		Long first = this.service.customCacheManager(key);

		assertThat(this.service.customCacheManager(key)).isEqualTo(first);
		assertThat(this.context.getBean("customCacheManager", CacheManager.class).getCache("testCache").get(key, Long.class))
			.isEqualTo(first);
		assertThat(cache("testCache").get(key)).isNull();
	}

	@Test
	void unknownCacheManagerIsAMissingBean() {
		assertThatExceptionOfType(NoSuchBeanDefinitionException.class)
			.isThrownBy(() -> this.service.unknownCustomCacheManager(key()));
	}

	@Test
	void nullResultIsCachedSoTheMethodRunsOncePerKey() {
		String key = key();

		assertThat(this.service.nullValue(key)).isNull();
		long invocations = this.service.nullInvocations();
		assertThat(this.service.nullValue(key)).isNull();
		assertThat(this.service.nullInvocations()).isEqualTo(invocations);
		assertThat(this.service.nullValue(key())).isNull();
		assertThat(this.service.nullInvocations()).isEqualTo(invocations + 1);
	}

	@Test
	void checkedExceptionsPassThroughUnwrapped() {
		String argument = key();

		assertThatIOException().isThrownBy(() -> this.service.throwChecked(argument)).withMessage(argument);
		assertThatIOException().isThrownBy(() -> this.service.throwCheckedSync(argument)).withMessage(argument);
		assertThat(cache("testCache").get(argument)).isNull();
	}

	@Test
	void uncheckedExceptionsPassThroughUnwrapped() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.service.throwUnchecked(1L))
			.withMessage("1");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.service.throwUncheckedSync(1L))
			.withMessage("1");
	}

	@Test
	void nullArgumentIsAKeyToo() {
		Long first = this.service.cache(null);

		assertThat(this.service.cache(null)).isEqualTo(first);
	}

	@Test
	void cachePutInvokesEveryTimeAndStoresTheResult() {
		String key = key();
		Cache cache = cache("testCache");
		assertThat(cache.get(key)).isNull();

		Long first = this.service.update(key);
		assertThat(cache.get(key, Long.class)).isEqualTo(first);
		Long second = this.service.update(key);

		assertThat(second).isNotEqualTo(first);
		assertThat(cache.get(key, Long.class)).isEqualTo(second);
	}

	@Test
	void conditionalCachePutStoresOnlyWhenTheConditionHolds() {
		Cache cache = cache("testCache");
		cache.clear();

		assertThat(this.service.conditionalUpdate(1)).isEqualTo(1L);
		assertThat(cache.get(1)).isNull();
		assertThat(this.service.conditionalUpdate(3)).isEqualTo(3L);
		assertThat(cache.get(3, Long.class)).isEqualTo(3L);
	}

	@Test
	void cacheableWithTwoCachesFillsBoth() {
		String key = key();
		Cache primary = cache("primary");
		Cache secondary = cache("secondary");

		Long first = this.service.multiCache(key);

		assertThat(primary.get(key, Long.class)).isEqualTo(first);
		assertThat(secondary.get(key, Long.class)).isEqualTo(first);
		assertThat(this.service.multiCache(key)).isEqualTo(first);
		assertThat(this.service.invocations()).isEqualTo(1);
	}

	@Test
	void severalEvictsRemoveFromEachCache() {
		String key = key();
		Cache primary = cache("primary");
		Cache secondary = cache("secondary");
		Long first = this.service.multiCache(key);
		primary.put(key + "A", "other");

		this.service.multiEvict(key);

		assertThat(primary.get(key)).isNull();
		assertThat(secondary.get(key)).isNull();
		assertThat(primary.get(key + "A")).isNull();
		Long again = this.service.multiCache(key);
		assertThat(again).isNotEqualTo(first);
		assertThat(this.service.multiCache(key)).isEqualTo(again);
	}

	@Test
	void severalPutsStoreInEachCache() {
		Cache primary = cache("primary");
		Cache secondary = cache("secondary");
		primary.clear();
		secondary.clear();

		Long first = this.service.multiUpdate(1);

		assertThat(primary.get(1, Long.class)).isEqualTo(first);
		assertThat(secondary.get(1, Long.class)).isEqualTo(first);
		Long second = this.service.multiUpdate(2);
		assertThat(primary.get(2, Long.class)).isEqualTo(second);
		assertThat(secondary.get(2, Long.class)).isEqualTo(second);
	}

	@Test
	void cachePutKeyCanReferToTheResult() {
		Cache primary = cache("primary");
		primary.evict(Long.MIN_VALUE);

		TestEntity saved = this.service.putRefersToResult(new TestEntity(null, "ada"));

		assertThat(primary.get(Long.MIN_VALUE, TestEntity.class)).isEqualTo(saved)
			.isEqualTo(new TestEntity(Long.MIN_VALUE, "ada"));
	}

	@Test
	void cachePutEvaluatesUnlessBeforeTheKeyThatRefersToTheResult() {
		Cache primary = cache("primary");
		primary.evict(42L);
		primary.evict(Long.MIN_VALUE);

		assertThat(this.service.putEvaluatesUnlessBeforeKey(new TestEntity(42L, "ada"))).isNotNull();
		assertThat(this.service.putEvaluatesUnlessBeforeKey(new TestEntity(Long.MIN_VALUE, "none"))).isNull();

		assertThat(primary.get(42L, TestEntity.class)).isEqualTo(new TestEntity(42L, "ada"));
		assertThat(primary.get(Long.MIN_VALUE)).isNull();
	}

	@Test
	void cacheableAndEvictTogether() {
		Cache primary = cache("primary");
		Cache secondary = cache("secondary");
		primary.clear();
		secondary.put(1, 1L);

		Long first = this.service.multiCacheAndEvict(1);

		assertThat(this.service.multiCacheAndEvict(1)).isEqualTo(first);
		assertThat(primary.get("multiCacheAndEvict", Long.class)).isEqualTo(first);
		assertThat(secondary.get(1)).isNull();
	}

	@Test
	void conditionalCacheableAndEvictTogether() {
		Cache primary = cache("primary");
		Cache secondary = cache("secondary");
		primary.clear();
		secondary.put(1, 1L);

		Long first = this.service.multiConditionalCacheAndEvict(1);

		assertThat(this.service.multiConditionalCacheAndEvict(1)).isNotEqualTo(first);
		assertThat(primary.get(1)).isNull();
		assertThat(secondary.get(1)).isNull();
		Long three = this.service.multiConditionalCacheAndEvict(3);
		assertThat(this.service.multiConditionalCacheAndEvict(3)).isEqualTo(three);
		assertThat(primary.get(3, Long.class)).isEqualTo(three);
	}

	@Test
	void classLevelCacheConfigNamesTheCacheOfEveryAnnotation() throws IOException {
		String key = key();

		Long first = this.classService.cache(key);
		assertThat(this.classService.cache(key)).isEqualTo(first);
		assertThat(cache("testCache").get(key, Long.class)).isEqualTo(first);

		this.classService.evict(key);
		Long second = this.classService.cache(key);
		assertThat(second).isNotEqualTo(first);

		Long updated = this.classService.update(key);
		assertThat(cache("testCache").get(key, Long.class)).isEqualTo(updated).isNotEqualTo(second);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		CountingService countingService() {
			return new CountingService();
		}

		@Bean
		ClassConfiguredService classConfiguredService() {
			return new ClassConfiguredService();
		}

		@Bean
		KeyGenerator customKeyGenerator() {
			return (target, method, params) -> "custom:" + SimpleKeyGenerator.generateKey(params);
		}

	}

	/** The annotations with their cache named once, on the class. */
	@CacheConfig(cacheNames = "testCache")
	static class ClassConfiguredService {

		private long counter;

		@Cacheable
		public synchronized Long cache(Object key) {
			return this.counter++;
		}

		@CacheEvict
		public void evict(Object key) {
		}

		@CachePut
		public synchronized Long update(Object key) {
			return this.counter++;
		}

	}

}
