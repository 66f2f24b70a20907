package io.github.workerskv.kv.spring.cache;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/** {@link SpringCacheAnnotationContract} on the embedded store, in memory, with and without the near cache. */
class EmbeddedStoreSpringCacheAnnotationTests {

	private static final LocalKVStore store = LocalKVStore.inMemory();

	@AfterAll
	static void closeStore() {
		store.close();
	}

	@Nested
	class WithoutNearCache extends SpringCacheAnnotationContract {

		@Override
		KVNamespace namespace() {
			return store.namespace("annotations");
		}

		@Override
		boolean nearCache() {
			return false;
		}

	}

	@Nested
	class WithNearCache extends SpringCacheAnnotationContract {

		@Override
		KVNamespace namespace() {
			return store.namespace("annotations");
		}

		@Override
		boolean nearCache() {
			return true;
		}

	}

}
