package io.github.workerskv.kv.sqlite;

import java.nio.file.Path;

import io.github.workerskv.kv.local.spi.StorageEngine;
import io.github.workerskv.kv.local.spi.StorageEngineProvider;

/**
 * Persists the embedded store to one SQLite file (see {@link SqliteEngine} for the schema and the
 * durability it gives). Registered with {@link java.util.ServiceLoader}, so that
 * {@code LocalKVStore.open(Path)} finds it when this module is on the class path.
 */
public final class SqliteStorageEngineProvider implements StorageEngineProvider {

	@Override
	public StorageEngine open(Path file) {
		return SqliteEngine.open(file);
	}

}
