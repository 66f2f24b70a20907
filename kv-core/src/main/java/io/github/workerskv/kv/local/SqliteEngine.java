package io.github.workerskv.kv.local;

import java.nio.file.Path;
import java.util.List;

import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import org.jspecify.annotations.Nullable;

/** Placeholder until the SQLite engine lands. */
final class SqliteEngine implements Engine {

	static SqliteEngine open(Path file) {
		throw new UnsupportedOperationException("SQLite persistence is being written");
	}

	@Override
	public @Nullable StoredValue get(String namespace, byte[] key, long nowSeconds, boolean preferStream) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void put(String namespace, byte[] key, ValueSource value, @Nullable Long expiration,
			@Nullable String metadataJson) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void delete(String namespace, byte[] key) {
		throw new UnsupportedOperationException();
	}

	@Override
	public List<Entry> list(String namespace, byte[] prefix, byte @Nullable [] startAfter, int count,
			long nowSeconds) {
		throw new UnsupportedOperationException();
	}

	@Override
	public List<String> namespaces() {
		throw new UnsupportedOperationException();
	}

	@Override
	public void dropNamespace(String namespace) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void close() {
	}

}
