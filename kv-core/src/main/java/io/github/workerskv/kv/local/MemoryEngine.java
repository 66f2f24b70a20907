package io.github.workerskv.kv.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import io.github.workerskv.kv.local.spi.StorageEngine;
import org.jspecify.annotations.Nullable;

/**
 * Keeps every namespace in a {@link ConcurrentSkipListMap} ordered by unsigned key bytes. Entries are
 * immutable, so a write is one atomic map update and the last one wins. A batch ({@link #putAll},
 * {@link #deleteAll}) cannot fail part-way, though a concurrent reader may see part of it. Expired
 * entries are removed when a read or list meets them.
 */
final class MemoryEngine implements StorageEngine {

	private final Map<String, ConcurrentSkipListMap<byte[], Stored>> namespaces = new ConcurrentHashMap<>();

	@Override
	public @Nullable StoredValue get(String namespace, byte[] key, long nowSeconds, boolean preferStream) {
		ConcurrentSkipListMap<byte[], Stored> entries = this.namespaces.get(namespace);
		Stored stored = (entries != null) ? entries.get(key) : null;
		if (entries == null || stored == null) {
			return null;
		}
		if (stored.isExpired(nowSeconds)) {
			entries.remove(key, stored);
			return null;
		}
		return StoredValue.ofBytes(stored.value(), stored.metadataJson(), stored.expiration());
	}

	@Override
	public void put(String namespace, byte[] key, ValueSource value, @Nullable Long expiration,
			@Nullable String metadataJson) {
		Stored stored = new Stored(value.readAllBytes(), expiration, metadataJson);
		entries(namespace).put(key, stored);
	}

	@Override
	public void delete(String namespace, byte[] key) {
		ConcurrentSkipListMap<byte[], Stored> entries = this.namespaces.get(namespace);
		if (entries != null) {
			entries.remove(key);
		}
	}

	@Override
	public void putAll(String namespace, List<Write> writes) {
		ConcurrentSkipListMap<byte[], Stored> entries = entries(namespace);
		for (Write write : writes) {
			entries.put(write.key(), new Stored(write.value(), write.expiration(), write.metadataJson()));
		}
	}

	@Override
	public void deleteAll(String namespace, List<byte[]> keys) {
		ConcurrentSkipListMap<byte[], Stored> entries = this.namespaces.get(namespace);
		if (entries != null) {
			keys.forEach(entries::remove);
		}
	}

	@Override
	public List<Entry> list(String namespace, byte[] prefix, byte @Nullable [] startAfter, int count,
			long nowSeconds) {
		ConcurrentSkipListMap<byte[], Stored> entries = this.namespaces.get(namespace);
		List<Entry> page = new ArrayList<>();
		if (entries == null) {
			return page;
		}
		boolean afterCursor = startAfter != null && Arrays.compareUnsigned(startAfter, prefix) >= 0;
		NavigableMap<byte[], Stored> tail = afterCursor ? entries.tailMap(startAfter, false)
				: entries.tailMap(prefix, true);
		for (Map.Entry<byte[], Stored> entry : tail.entrySet()) {
			if (page.size() >= count || !startsWith(entry.getKey(), prefix)) {
				break;
			}
			Stored stored = entry.getValue();
			if (stored.isExpired(nowSeconds)) {
				entries.remove(entry.getKey(), stored);
				continue;
			}
			page.add(new Entry(entry.getKey(), stored.expiration(), stored.metadataJson()));
		}
		return page;
	}

	@Override
	public List<String> namespaces() {
		return this.namespaces.entrySet().stream()
			.filter((entry) -> !entry.getValue().isEmpty())
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

	@Override
	public void dropNamespace(String namespace) {
		this.namespaces.remove(namespace);
	}

	@Override
	public void close() {
		this.namespaces.clear();
	}

	private ConcurrentSkipListMap<byte[], Stored> entries(String namespace) {
		return this.namespaces.computeIfAbsent(namespace, (id) -> new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
	}

	private static boolean startsWith(byte[] key, byte[] prefix) {
		return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
	}

	private record Stored(byte[] value, @Nullable Long expiration, @Nullable String metadataJson) {

		boolean isExpired(long nowSeconds) {
			return this.expiration != null && this.expiration <= nowSeconds;
		}

	}

}
