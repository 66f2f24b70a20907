package io.github.workerskv.kv.local.spi;

import java.util.List;

import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import org.jspecify.annotations.Nullable;

/**
 * Where the embedded store keeps its bytes: in memory (kv-core) or in a SQLite file (kv-sqlite). Keys
 * arrive validated and as UTF-8 bytes; an engine orders them by unsigned byte comparison and hides entries
 * whose expiration (epoch seconds) is at or before {@code nowSeconds}. Engines are thread-safe.
 *
 * <p>A service-provider interface for the modules of this library, found through
 * {@link StorageEngineProvider}; applications use {@link io.github.workerskv.kv.local.LocalKVStore}.
 */
public interface StorageEngine extends AutoCloseable {

	/**
	 * @param namespace the namespace id
	 * @param key the key's UTF-8 bytes
	 * @param nowSeconds the current time in epoch seconds
	 * @param preferStream whether to return a stream rather than bytes, if the engine can
	 * @return the live entry (with metadata and expiration), or {@code null}
	 */
	@Nullable StoredValue get(String namespace, byte[] key, long nowSeconds, boolean preferStream);

	/**
	 * Replaces an entry atomically: on failure (for example a stream over 25 MiB) nothing changes.
	 * @param namespace the namespace id
	 * @param key the key's UTF-8 bytes
	 * @param value the value
	 * @param expiration absolute expiration in epoch seconds, or {@code null}
	 * @param metadataJson metadata JSON, or {@code null}
	 */
	void put(String namespace, byte[] key, ValueSource value, @Nullable Long expiration, @Nullable String metadataJson);

	/**
	 * @param namespace the namespace id
	 * @param key the key's UTF-8 bytes; a missing key is not an error
	 */
	void delete(String namespace, byte[] key);

	/**
	 * Replaces several entries in one atomic step: on failure none of them changes. A later write of the
	 * same key wins.
	 * @param namespace the namespace id
	 * @param writes the entries, in order
	 */
	void putAll(String namespace, List<Write> writes);

	/**
	 * Deletes several entries in one atomic step; missing keys are not an error.
	 * @param namespace the namespace id
	 * @param keys the keys' UTF-8 bytes
	 */
	void deleteAll(String namespace, List<byte[]> keys);

	/**
	 * Lists live entries in unsigned byte order.
	 * @param namespace the namespace id
	 * @param prefix only keys starting with these bytes (empty for all)
	 * @param startAfter only keys strictly greater than these bytes, or {@code null} from the start
	 * @param count the most entries to return
	 * @param nowSeconds the current time in epoch seconds
	 * @return up to {@code count} entries
	 */
	List<Entry> list(String namespace, byte[] prefix, byte @Nullable [] startAfter, int count, long nowSeconds);

	/** @return the ids of the namespaces that hold at least one entry, live or expired */
	List<String> namespaces();

	/**
	 * Removes every entry of a namespace.
	 * @param namespace the namespace id
	 */
	void dropNamespace(String namespace);

	@Override
	void close();

	/**
	 * One entry of {@link #putAll}.
	 * @param key the key's UTF-8 bytes
	 * @param value the value, within the size limit
	 * @param expiration absolute expiration in epoch seconds, or {@code null}
	 * @param metadataJson metadata JSON, or {@code null}
	 */
	record Write(byte[] key, byte[] value, @Nullable Long expiration, @Nullable String metadataJson) {
	}

	/**
	 * One listed entry.
	 * @param key the key's UTF-8 bytes
	 * @param expiration expiration in epoch seconds, or {@code null}
	 * @param metadataJson metadata JSON, or {@code null}
	 */
	record Entry(byte[] key, @Nullable Long expiration, @Nullable String metadataJson) {
	}

}
