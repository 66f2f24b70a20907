package io.github.workerskv.kv.spring.cache;

import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link KVCacheStatistics}; counts nothing when disabled. */
final class StatisticsCounter {

	private final boolean enabled;

	/** Hits answered by KV; near-cache hits are added when read, to keep a near-cache hit to one increment. */
	private final LongAdder hits = new LongAdder();

	private final LongAdder nearCacheHits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	private final LongAdder errors = new LongAdder();

	StatisticsCounter(boolean enabled) {
		this.enabled = enabled;
	}

	void nearCacheHit() {
		if (this.enabled) {
			this.nearCacheHits.increment();
		}
	}

	void hitOrMiss(boolean hit) {
		if (this.enabled) {
			(hit ? this.hits : this.misses).increment();
		}
	}

	void put() {
		if (this.enabled) {
			this.puts.increment();
		}
	}

	void eviction() {
		if (this.enabled) {
			this.evictions.increment();
		}
	}

	void error() {
		if (this.enabled) {
			this.errors.increment();
		}
	}

	KVCacheStatistics snapshot(String cacheName) {
		long nearCacheHits = this.nearCacheHits.sum();
		return new KVCacheStatistics(cacheName, this.hits.sum() + nearCacheHits, nearCacheHits, this.misses.sum(),
				this.puts.sum(), this.evictions.sum(), this.errors.sum());
	}

}
