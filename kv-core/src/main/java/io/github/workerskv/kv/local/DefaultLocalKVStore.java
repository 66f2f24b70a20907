package io.github.workerskv.kv.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.internal.NamespaceSettings;
import io.github.workerskv.kv.local.spi.StorageEngine;

/** A {@link LocalKVStore} over one {@link StorageEngine}. */
final class DefaultLocalKVStore implements LocalKVStore {

	private final StorageEngine engine;

	private final LocalKVStoreOptions options;

	private final Map<String, KVNamespace> namespaces = new ConcurrentHashMap<>();

	DefaultLocalKVStore(StorageEngine engine, LocalKVStoreOptions options) {
		this.engine = engine;
		this.options = options;
	}

	@Override
	public KVNamespace namespace(String namespaceId) {
		if (namespaceId == null || namespaceId.isEmpty()) {
			throw new IllegalArgumentException("namespaceId must not be empty");
		}
		return this.namespaces.computeIfAbsent(namespaceId, (id) -> new LocalKVNamespace(this.engine,
				new NamespaceSettings(id, this.options.namespaceName(id), this.options::jsonMapper, this.options.clock(),
						Runnable::run, this.options.listener())));
	}

	@Override
	public List<String> namespaceIds() {
		return this.engine.namespaces();
	}

	@Override
	public void deleteNamespace(String namespaceId) {
		this.engine.dropNamespace(namespaceId);
	}

	@Override
	public LocalKVStoreOptions options() {
		return this.options;
	}

	@Override
	public void close() {
		this.engine.close();
	}

	@Override
	public String toString() {
		return "LocalKVStore[" + ((this.options.persistPath() != null) ? this.options.persistPath() : "memory") + "]";
	}

}
