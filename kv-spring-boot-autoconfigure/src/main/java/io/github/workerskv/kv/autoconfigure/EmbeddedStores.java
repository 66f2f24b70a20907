package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Opens the embedded store of local mode from {@code cloudflare.kv.*}: in memory, or in the file
 * {@code cloudflare.kv.local.persist-path} when the kv-sqlite module is there. Shared by the auto-configuration
 * and by configuration imported from KV, which opens it before the application context exists.
 */
final class EmbeddedStores {

	static final String SQLITE_ENGINE = "io.github.workerskv.kv.sqlite.SqliteStorageEngineProvider";

	private EmbeddedStores() {
	}

	/**
	 * @param properties the bound properties
	 * @param bindings the bindings, whose names the namespaces take
	 * @param listener told of every call
	 * @param classLoader where to look for kv-sqlite
	 * @return the open store
	 * @throws InvalidConfigurationPropertyValueException if a file is asked for and kv-sqlite is missing
	 */
	static LocalKVStore open(KVProperties properties, KVBindings bindings, KVListener listener,
			@Nullable ClassLoader classLoader) {
		Path file = properties.getLocal().getPersistPath();
		if (file != null && !ClassUtils.isPresent(SQLITE_ENGINE, classLoader)) {
			throw new InvalidConfigurationPropertyValueException(KVProperties.PREFIX + ".local.persist-path", file,
					"Keeping the embedded store in a file needs the kv-sqlite module: add the dependency "
							+ "io.github.workerskv:kv-sqlite, or remove the property to keep the store in memory.");
		}
		return LocalKVStore.create(LocalKVStoreOptions.defaults()
			.withPersistPath(file)
			.withListener(listener)
			.withNamespaceNames(bindings.localNamesById()));
	}

}
