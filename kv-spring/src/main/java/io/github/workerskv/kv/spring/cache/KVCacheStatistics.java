package io.github.workerskv.kv.spring.cache;

/**
 * What one {@link KVCache} did since it was created, as counted in this JVM (KV itself keeps no cache
 * statistics). All zero unless the manager was built with statistics enabled.
 *
 * @param cacheName the cache
 * @param hits reads that found a value (near-cache hits included)
 * @param nearCacheHits hits served by the near cache, without asking KV
 * @param misses reads that found nothing (an expired or undecodable entry is a miss)
 * @param puts entries written
 * @param evictions keys evicted one by one (a clear is not counted)
 * @param errors KV failures, whether thrown or, when failing open, logged
 */
public record KVCacheStatistics(String cacheName, long hits, long nearCacheHits, long misses, long puts,
		long evictions, long errors) {

	/** @return hits plus misses */
	public long gets() {
		return this.hits + this.misses;
	}

}
