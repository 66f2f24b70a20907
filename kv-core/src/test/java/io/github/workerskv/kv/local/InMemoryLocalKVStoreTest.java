package io.github.workerskv.kv.local;

import io.github.workerskv.kv.KVStorageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The namespace contract on the in-memory engine. */
class InMemoryLocalKVStoreTest extends LocalKVStoreContractTests {

	@Override
	protected LocalKVStoreOptions options() {
		return LocalKVStoreOptions.defaults();
	}

	@Test
	void aFileStoreWithoutKvSqliteOnTheClassPathNamesTheModuleToAdd() {
		assertThatThrownBy(() -> LocalKVStore.open(java.nio.file.Path.of("kv.db")))
			.isInstanceOf(KVStorageException.class)
			.hasMessageContaining("needs the kv-sqlite module")
			.hasMessageContaining("io.github.workerskv:kv-sqlite");
	}

}
