package io.github.workerskv.kv.spring.data;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.junit.jupiter.api.AfterAll;

/** The repository suite on the embedded store, in memory. */
class EmbeddedStoreKVRepositoryTests extends KVRepositoryContractTests {

	private final KVEmulatorClock clock = KVEmulatorClock.at(START);

	private final LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(this.clock));

	@AfterAll
	void closeStore() {
		this.store.close();
	}

	@Override
	KVNamespace namespace() {
		return this.store.namespace("repositories");
	}

	@Override
	KVNamespace otherNamespace() {
		return this.store.namespace("other");
	}

	@Override
	KVEmulatorClock clock() {
		return this.clock;
	}

}
