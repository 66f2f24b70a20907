package io.github.workerskv.kv.local;

import java.nio.file.Path;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.spi.StorageEngine;

/**
 * An embedded KV store that holds any number of namespaces, in memory or in one SQLite file.
 *
 * <p>It behaves as Workers KV does, with the same limits and messages, keys in UTF-8 byte order,
 * opaque start-after cursors, and expiration decided by the injected {@link java.time.Clock}. Unlike
 * KV it is strongly consistent: a read sees every write that returned before it. {@code cacheTtl} is
 * validated and otherwise ignored.
 *
 * <p>With a file, every write that returned survives a restart or a {@code kill -9} (SQLite in WAL
 * mode with {@code synchronous=FULL}); values are stored in 1 MiB chunks, so streams are read and
 * written without holding a whole value in memory. In memory, a value is held as one array.
 *
 * <p>Thread-safe. Close the store to release the file; namespaces of a closed store fail.
 */
public interface LocalKVStore extends AutoCloseable {

	/** @return a new, empty in-memory store with the system clock */
	static LocalKVStore inMemory() {
		return create(LocalKVStoreOptions.defaults());
	}

	/**
	 * Opens (or creates) a store persisted to one SQLite file. Needs the {@code kv-sqlite} module on the
	 * class path.
	 * @param file the file
	 * @return the store
	 */
	static LocalKVStore open(Path file) {
		return create(LocalKVStoreOptions.defaults().withPersistPath(file));
	}

	/**
	 * Opens a store.
	 * @param options where to keep the data, the clock and the JSON mapper
	 * @return the store
	 * @throws io.github.workerskv.kv.KVStorageException if the file cannot be opened, or it is asked for and
	 * the {@code kv-sqlite} module is not on the class path
	 */
	static LocalKVStore create(LocalKVStoreOptions options) {
		Path file = options.persistPath();
		StorageEngine engine = (file != null) ? StorageEngines.open(file) : new MemoryEngine();
		return new DefaultLocalKVStore(engine, options);
	}

	/**
	 * The namespace with this id; it exists as soon as it is named.
	 * @param namespaceId any non-empty id (Cloudflare's are 32 hex digits)
	 * @return the namespace, the same instance for the same id
	 */
	KVNamespace namespace(String namespaceId);

	/** @return the ids of the namespaces that hold entries, sorted */
	List<String> namespaceIds();

	/**
	 * Deletes every key of a namespace.
	 * @param namespaceId the id
	 */
	void deleteNamespace(String namespaceId);

	/** @return the options the store was opened with */
	LocalKVStoreOptions options();

	/** Closes the store and its file. */
	@Override
	void close();

}
