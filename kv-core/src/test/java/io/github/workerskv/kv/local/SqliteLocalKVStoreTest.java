package io.github.workerskv.kv.local;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The namespace contract on the SQLite file engine. */
class SqliteLocalKVStoreTest extends LocalKVStoreContractTest {

	@TempDir
	Path directory;

	@Override
	LocalKVStoreOptions options() {
		return LocalKVStoreOptions.defaults().withPersistPath(this.directory.resolve("kv.db"));
	}

}
