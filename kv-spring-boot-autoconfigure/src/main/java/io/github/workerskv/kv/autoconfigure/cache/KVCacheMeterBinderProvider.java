package io.github.workerskv.kv.autoconfigure.cache;

import io.github.workerskv.kv.spring.cache.KVCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * Micrometer's cache meters for {@link KVCache}s, from their {@link KVCache#getStatistics() statistics}:
 * {@code cache.gets} ({@code result=hit} or {@code miss}), {@code cache.puts}, {@code cache.evictions} (keys
 * evicted one by one), plus {@code cache.near.hits} (hits served from memory without asking KV) and
 * {@code cache.errors} (KV failures, thrown or, when failing open, logged). There is no {@code cache.size}: KV
 * cannot count a cache's keys without listing them.
 */
public class KVCacheMeterBinderProvider implements CacheMeterBinderProvider<KVCache> {

	@Override
	public MeterBinder getMeterBinder(KVCache cache, Iterable<Tag> tags) {
		return new KVCacheMetrics(cache, tags);
	}

}
