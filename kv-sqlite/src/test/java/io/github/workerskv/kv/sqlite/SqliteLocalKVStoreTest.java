package io.github.workerskv.kv.sqlite;

import java.nio.file.Path;

import io.github.workerskv.kv.local.LocalKVStoreContractTests;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.junit.jupiter.api.io.TempDir;

/** The namespace contract on the SQLite file engine. */
class SqliteLocalKVStoreTest extends LocalKVStoreContractTests {

	@TempDir
	Path directory;

	@Override
	protected LocalKVStoreOptions options() {
		return LocalKVStoreOptions.defaults().withPersistPath(this.directory.resolve("kv.db"));
	}

}
