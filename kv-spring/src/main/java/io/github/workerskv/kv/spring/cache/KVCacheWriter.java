package io.github.workerskv.kv.spring.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.KVNamespace;
import org.jspecify.annotations.Nullable;

/**
 * Moves cache entries, as bytes, to and from one KV namespace: the layer below {@link KVCache}, shared by
 * every cache of a {@link KVCacheManager}. It knows nothing of cache names, codecs or logical expiry.
 *
 * <p>This is the one place where KV's expiration rules are applied: a positive time to live is rounded up
 * to whole seconds and raised to KV's minimum of 60 seconds; {@link Duration#ZERO} writes a key that never
 * expires. Callers that need a shorter life (as {@link KVCache} does) keep their own expiry inside the value.
 *
 * <p>Decorate it to add behaviour around every KV call (logging, tracing, retries): the interface is small
 * on purpose. Implementations are thread-safe.
 */
public interface KVCacheWriter {

	/**
	 * Reads one entry.
	 * @param key the KV key
	 * @return its bytes, or {@code null} if the key does not exist
	 */
	byte @Nullable [] get(String key);

	/**
	 * Reads one entry without blocking the caller where the namespace can (the REST client can; the
	 * embedded store answers with a completed future).
	 * @param key the KV key
	 * @return its bytes, or {@code null} if the key does not exist
	 */
	CompletableFuture<byte @Nullable []> getAsync(String key);

	/**
	 * Writes one entry, replacing any value the key had.
	 * @param key the KV key
	 * @param value the bytes
	 * @param ttl {@link Duration#ZERO} for no expiry, else a positive duration that KV applies rounded up
	 * to whole seconds and to at least 60 seconds
	 */
	void put(String key, byte[] value, Duration ttl);

	/**
	 * Asynchronous {@link #put(String, byte[], Duration)}.
	 * @param key the KV key
	 * @param value the bytes
	 * @param ttl as for {@link #put(String, byte[], Duration)}
	 * @return completes when the write is done
	 */
	CompletableFuture<Void> putAsync(String key, byte[] value, Duration ttl);

	/**
	 * Deletes one entry; a missing key is not an error.
	 * @param key the KV key
	 */
	void delete(String key);

	/**
	 * Deletes every key that starts with a prefix: lists the keys a page of up to 1000 at a time and
	 * deletes each page, with one bulk delete request per page on Cloudflare's REST API and key by key on
	 * other namespaces. It costs one list request per page plus the deletes, and, like every KV change,
	 * takes up to about 60 seconds to be seen everywhere. Keys written while it runs may survive.
	 * @param prefix a non-empty prefix
	 * @return how many keys were deleted
	 */
	long clear(String prefix);

	/**
	 * The KV expiration a time to live becomes: whole seconds rounded up, at least KV's minimum of 60.
	 * @param ttl a positive duration
	 * @return the {@code expirationTtl} in seconds
	 */
	static long expirationTtlSeconds(Duration ttl) {
		return DefaultKVCacheWriter.expirationTtlSeconds(ttl);
	}

	/**
	 * A writer over one namespace.
	 * @param namespace the namespace every cache of the manager stores its entries in
	 * @return the writer
	 */
	static KVCacheWriter create(KVNamespace namespace) {
		return new DefaultKVCacheWriter(namespace);
	}

}
