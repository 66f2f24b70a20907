package io.github.workerskv.kv.spring.cache;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;

/**
 * A service whose every invocation returns a new number, so that a test tells a cached answer (the same
 * number) from a new invocation (the next one) by value, whether the cache hands out the same instance (the
 * near cache) or a copy read back from KV.
 */
class CountingService {

	private final AtomicLong counter = new AtomicLong();

	private final AtomicLong nullInvocations = new AtomicLong();

	/** @return how many invocations there were (a method, because the caching proxy has no state) */
	public long invocations() {
		return this.counter.get();
	}

	public long nullInvocations() {
		return this.nullInvocations.get();
	}

	@Cacheable("testCache")
	public Long cache(@Nullable Object key) {
		return this.counter.getAndIncrement();
	}

	@Cacheable("testCache")
	public @Nullable Long cacheNull(Object key) {
		this.counter.getAndIncrement();
		return null;
	}

	@Cacheable(cacheNames = "testCache", sync = true)
	public Long cacheSync(Object key) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", sync = true)
	public @Nullable Long cacheSyncNull(Object key) {
		this.counter.getAndIncrement();
		return null;
	}

	@CacheEvict("testCache")
	public void evict(Object key) {
	}

	@CacheEvict(cacheNames = "testCache", beforeInvocation = true)
	public void evictEarly(Object key) {
		throw new IllegalStateException("evicted before this failure");
	}

	@CacheEvict("testCache")
	public void evictWithException(Object key) {
		throw new IllegalStateException("the evict after this failure is skipped");
	}

	@CacheEvict(cacheNames = "testCache", allEntries = true)
	public void evictAll(Object ignored) {
	}

	@CacheEvict(cacheNames = "testCache", allEntries = true, beforeInvocation = true)
	public void evictAllEarly(Object ignored) {
		throw new IllegalStateException("cleared before this failure");
	}

	@Cacheable(cacheNames = "testCache", condition = "#p0 == 3")
	public Long conditional(int field) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", sync = true, condition = "#p0 == 3")
	public Long conditionalSync(int field) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", unless = "#result > 10")
	public Long unless(int arg) {
		return (long) arg;
	}

	@Cacheable(cacheNames = "testCache", key = "#p0")
	public Long key(Object first, Object second) {
		return this.counter.getAndIncrement();
	}

	@Cacheable("testCache")
	public Long varArgsKey(Object... args) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", key = "#root.methodName")
	public Long name(Object ignored) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", key = "#root.methodName + #root.method.name + #root.targetClass.simpleName + #root.target")
	public Long rootVars(Object ignored) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", keyGenerator = "customKeyGenerator")
	public Long customKeyGenerator(Object ignored) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", keyGenerator = "unknownBeanName")
	public Long unknownCustomKeyGenerator(Object ignored) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", cacheManager = "customCacheManager")
	public Long customCacheManager(Object ignored) {
		return this.counter.getAndIncrement();
	}

	@Cacheable(cacheNames = "testCache", cacheManager = "unknownBeanName")
	public Long unknownCustomCacheManager(Object ignored) {
		return this.counter.getAndIncrement();
	}

	@Cacheable("testCache")
	public @Nullable Long nullValue(Object key) {
		this.nullInvocations.incrementAndGet();
		return null;
	}

	@Cacheable("testCache")
	public Long throwChecked(Object arg) throws IOException {
		throw new IOException(arg.toString());
	}

	@Cacheable("testCache")
	public Long throwUnchecked(Object arg) {
		throw new UnsupportedOperationException(arg.toString());
	}

	@Cacheable(cacheNames = "testCache", sync = true)
	public Long throwCheckedSync(Object arg) throws IOException {
		throw new IOException(arg.toString());
	}

	@Cacheable(cacheNames = "testCache", sync = true)
	public Long throwUncheckedSync(Object arg) {
		throw new UnsupportedOperationException(arg.toString());
	}

	@CachePut("testCache")
	public Long update(Object key) {
		return this.counter.getAndIncrement();
	}

	@CachePut(cacheNames = "testCache", condition = "#arg.equals(3)")
	public Long conditionalUpdate(Integer arg) {
		return (long) arg;
	}

	@Cacheable({ "primary", "secondary" })
	public Long multiCache(Object key) {
		return this.counter.getAndIncrement();
	}

	@Caching(evict = { @CacheEvict("primary"), @CacheEvict(cacheNames = "secondary", key = "#p0"),
			@CacheEvict(cacheNames = "primary", key = "#p0 + 'A'") })
	public Long multiEvict(Object key) {
		return this.counter.getAndIncrement();
	}

	@Caching(cacheable = @Cacheable(cacheNames = "primary", key = "#root.methodName"),
			evict = @CacheEvict(cacheNames = "secondary", allEntries = true))
	public Long multiCacheAndEvict(Object key) {
		return this.counter.getAndIncrement();
	}

	@Caching(cacheable = @Cacheable(cacheNames = "primary", condition = "#p0 == 3"),
			evict = @CacheEvict("secondary"))
	public Long multiConditionalCacheAndEvict(Object key) {
		return this.counter.getAndIncrement();
	}

	@Caching(put = { @CachePut("primary"), @CachePut("secondary") })
	public Long multiUpdate(Object key) {
		return this.counter.getAndIncrement();
	}

	@CachePut(cacheNames = "primary", key = "#result.id")
	public TestEntity putRefersToResult(TestEntity entity) {
		return new TestEntity(Long.MIN_VALUE, entity.name());
	}

	@CachePut(cacheNames = "primary", key = "#result.id", unless = "#result == null")
	public @Nullable TestEntity putEvaluatesUnlessBeforeKey(TestEntity entity) {
		return (entity.id() == Long.MIN_VALUE) ? null : entity;
	}

	@Override
	public String toString() {
		return "CountingService";
	}

	/**
	 * A value of the tests' own package, which the tests' JSON allow-list admits.
	 * @param id its id, {@code null} until it has one
	 * @param name its name
	 */
	record TestEntity(@Nullable Long id, String name) {
	}

}
