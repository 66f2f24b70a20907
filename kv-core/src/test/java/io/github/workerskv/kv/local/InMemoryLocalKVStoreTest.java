package io.github.workerskv.kv.local;

/** The namespace contract on the in-memory engine. */
class InMemoryLocalKVStoreTest extends KVNamespaceContractTests {

	@Override
	protected LocalKVStoreOptions options() {
		return LocalKVStoreOptions.defaults();
	}

}
