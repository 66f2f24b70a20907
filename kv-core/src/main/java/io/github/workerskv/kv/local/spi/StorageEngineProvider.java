package io.github.workerskv.kv.local.spi;

import java.nio.file.Path;

/**
 * Opens the {@link StorageEngine} that persists the embedded store to a file. Found with
 * {@link java.util.ServiceLoader}: the {@code kv-sqlite} module provides one, so adding that module to
 * the class path is what makes {@code LocalKVStore.open(Path)} work.
 */
public interface StorageEngineProvider {

	/**
	 * Opens (or creates) the file.
	 * @param file the file
	 * @return the engine, which the store closes
	 * @throws io.github.workerskv.kv.KVStorageException if the file cannot be opened
	 */
	StorageEngine open(Path file);

}
