package io.github.workerskv.kv.cloudflare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.workerskv.kv.internal.StoredValue;
import org.jspecify.annotations.Nullable;

/**
 * The client-side analogue of KV's edge cache for reads with {@code cacheTtl}: a least-recently-used
 * map of at most {@code maxEntries} values (misses included), each served while it is younger than
 * the reading call's {@code cacheTtl} and the value has not expired. The client's own writes and
 * deletes of a key drop it, and a read that overlapped any such write does not store its result.
 */
final class ReadCache {

	/**
	 * One cached read.
	 * @param bytes the value, or {@code null} for a key that did not exist
	 * @param exact whether {@code bytes} are the stored bytes (a value GET) rather than re-encoded text (a
	 * bulk get, which is lossy for binary values)
	 * @param hasMetadata whether {@code metadataJson} was read
	 * @param metadataJson the metadata JSON, or {@code null}
	 * @param expiration the value's expiration in epoch seconds, or {@code null}
	 * @param storedAt when it was read
	 */
	record Entry(byte @Nullable [] bytes, boolean exact, boolean hasMetadata, @Nullable String metadataJson,
			@Nullable Long expiration, Instant storedAt) {

		boolean serves(boolean needExact, boolean needMetadata) {
			return this.bytes == null || ((this.exact || !needExact) && (this.hasMetadata || !needMetadata));
		}

		@Nullable StoredValue toStoredValue() {
			return (this.bytes != null) ? StoredValue.ofBytes(this.bytes, this.metadataJson, this.expiration) : null;
		}

	}

	private record Key(String namespaceId, String key) {
	}

	private final int maxEntries;

	private final Clock clock;

	private final Map<Key, Entry> entries;

	private long epoch;

	ReadCache(int maxEntries, Clock clock) {
		this.maxEntries = maxEntries;
		this.clock = clock;
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
				return size() > ReadCache.this.maxEntries;
			}

		};
	}

	/** @return whether the cache holds anything at all */
	boolean enabled() {
		return this.maxEntries > 0;
	}

	/** @return the current time */
	Instant now() {
		return this.clock.instant();
	}

	/** @return a token to pass to {@link #put}, taken before a read starts */
	synchronized long epoch() {
		return this.epoch;
	}

	/**
	 * @param namespaceId the namespace
	 * @param key the key
	 * @param maxAge the reading call's {@code cacheTtl}
	 * @return the entry if it is young enough and its value has not expired, otherwise {@code null}
	 */
	synchronized @Nullable Entry get(String namespaceId, String key, Duration maxAge) {
		Key cacheKey = new Key(namespaceId, key);
		Entry entry = this.entries.get(cacheKey);
		if (entry == null) {
			return null;
		}
		Instant now = this.clock.instant();
		boolean expired = entry.expiration() != null && now.getEpochSecond() >= entry.expiration();
		if (expired) {
			this.entries.remove(cacheKey);
			return null;
		}
		return now.isAfter(entry.storedAt().plus(maxAge)) ? null : entry;
	}

	/**
	 * Stores a read, unless the client wrote or deleted any key since {@code epoch}.
	 * @param namespaceId the namespace
	 * @param key the key
	 * @param entry the read
	 * @param epoch what {@link #epoch()} returned before the read started
	 */
	synchronized void put(String namespaceId, String key, Entry entry, long epoch) {
		if (this.maxEntries > 0 && epoch == this.epoch) {
			this.entries.put(new Key(namespaceId, key), entry);
		}
	}

	/**
	 * Drops a key; called before and after every write or delete of it.
	 * @param namespaceId the namespace
	 * @param key the key
	 */
	synchronized void invalidate(String namespaceId, String key) {
		this.epoch++;
		this.entries.remove(new Key(namespaceId, key));
	}

	/** @return how many entries are held */
	synchronized int size() {
		return this.entries.size();
	}

}
