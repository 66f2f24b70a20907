package io.github.workerskv.kv.spring.cache;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.junit.jupiter.api.AfterAll;

/** The {@link org.springframework.cache.Cache} contract on the embedded store, in memory. */
class EmbeddedStoreKVCacheTests extends KVCacheContractTests {

	private static final MutableClock clock = new MutableClock(START);

	private static final LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(clock));

	@AfterAll
	static void closeStore() {
		store.close();
	}

	@Override
	KVNamespace namespace() {
		return store.namespace("cache");
	}

	@Override
	KVNamespace backing() {
		return store.namespace("cache");
	}

	@Override
	MutableClock clock() {
		return clock;
	}

}
