package io.github.workerskv.kv.autoconfigure.cache;

import java.util.function.ToLongFunction;

import io.github.workerskv.kv.spring.cache.KVCache;
import io.github.workerskv.kv.spring.cache.KVCacheStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

/** The meters of one {@link KVCache}; see {@link KVCacheMeterBinderProvider}. */
final class KVCacheMetrics extends CacheMeterBinder<KVCache> {

	KVCacheMetrics(KVCache cache, Iterable<Tag> tags) {
		super(cache, cache.getName(), tags);
	}

	@Override
	protected @Nullable Long size() {
		return null;
	}

	@Override
	protected long hitCount() {
		return statistic(KVCacheStatistics::hits);
	}

	@Override
	protected Long missCount() {
		return statistic(KVCacheStatistics::misses);
	}

	@Override
	protected Long evictionCount() {
		return statistic(KVCacheStatistics::evictions);
	}

	@Override
	protected long putCount() {
		return statistic(KVCacheStatistics::puts);
	}

	@Override
	protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
		KVCache cache = getCache();
		if (cache == null) {
			return;
		}
		FunctionCounter.builder("cache.near.hits", cache, (c) -> c.getStatistics().nearCacheHits())
			.tags(getTagsWithCacheName())
			.description("Cache hits served by the in-memory near cache, without asking KV")
			.register(registry);
		FunctionCounter.builder("cache.errors", cache, (c) -> c.getStatistics().errors())
			.tags(getTagsWithCacheName())
			.description("KV failures met by the cache, thrown or, when failing open, logged")
			.register(registry);
	}

	private long statistic(ToLongFunction<KVCacheStatistics> statistic) {
		KVCache cache = getCache();
		return (cache != null) ? statistic.applyAsLong(cache.getStatistics()) : 0;
	}

}
