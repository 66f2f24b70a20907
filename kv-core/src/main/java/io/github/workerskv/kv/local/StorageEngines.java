package io.github.workerskv.kv.local;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.ServiceLoader;

import io.github.workerskv.kv.KVStorageException;
import io.github.workerskv.kv.local.spi.StorageEngine;
import io.github.workerskv.kv.local.spi.StorageEngineProvider;

/** Finds the file engine on the class path, and says which module to add when there is none. */
final class StorageEngines {

	private StorageEngines() {
	}

	static StorageEngine open(Path file) {
		Iterator<StorageEngineProvider> providers = ServiceLoader
			.load(StorageEngineProvider.class, StorageEngines.class.getClassLoader())
			.iterator();
		if (!providers.hasNext()) {
			throw new KVStorageException("Persisting the embedded store to " + file + " needs the kv-sqlite module: "
					+ "add the dependency io.github.workerskv:kv-sqlite, or keep the store in memory.", null);
		}
		return providers.next().open(file);
	}

}
