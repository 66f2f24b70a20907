package io.github.workerskv.kv;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * One Workers KV namespace: the binding's API ({@code env.MY_KV.get/put/delete/list}) in Java.
 *
 * <p>Implementations are the embedded store ({@code io.github.workerskv.kv.local.LocalKVStore}, in memory
 * or, with {@code kv-sqlite}, in a file) and, for production, a client of Cloudflare's REST API
 * ({@code kv-cloudflare}). Every implementation checks KV's limits ({@link KVLimits}) before any I/O and
 * throws a {@link KVValidationException} naming the limit, and tells its {@link KVListener} of every call.
 *
 * <ul>
 * <li>Missing and expired keys read as {@code null}; {@code delete} of a missing key succeeds.</li>
 * <li>Writes replace value, expiration and metadata together; the last write wins.</li>
 * <li>Lists return keys in UTF-8 byte order, page by page, with an opaque cursor.</li>
 * <li>Every call has a {@link CompletableFuture} twin ({@code getAsync}, {@code putAsync}, ...) for
 * fan-out. Where an implementation has no asynchronous I/O (the embedded store) the future is already
 * complete when it is returned.</li>
 * <li>Beyond the binding's API, every namespace writes and deletes in bulk ({@link #bulkPut},
 * {@link #bulkDelete}), as the REST API and {@code wrangler kv bulk} do.</li>
 * </ul>
 *
 * <p>Implementations are safe for use by many threads at once.
 */
public interface KVNamespace {

	// ---- identity -----------------------------------------------------------------------------

	/** @return the namespace id: Cloudflare's 32 hexadecimal digits, or the id the embedded store was given */
	String id();

	/**
	 * @return the name the application knows the namespace by (a binding name such as {@code MY_KV}) where
	 * the store or client was given one for its id, else the id; listener events and metrics use it
	 */
	String name();

	// ---- single reads -------------------------------------------------------------------------

	/**
	 * Reads a value as the given type.
	 * @param key the key
	 * @param type how to read the value
	 * @param options read options
	 * @param <T> the type the value is read as
	 * @return the value, or {@code null} if the key does not exist or has expired
	 * @throws ValueDecodingException if the value is not valid for a JSON type
	 */
	<T> @Nullable T get(String key, ValueType<T> type, GetOptions options);

	/**
	 * Reads a value as UTF-8 text.
	 * @param key the key
	 * @return the value, or {@code null} if the key does not exist
	 */
	default @Nullable String get(String key) {
		return get(key, ValueType.text(), GetOptions.defaults());
	}

	/**
	 * Reads a value as UTF-8 text.
	 * @param key the key
	 * @param options read options
	 * @return the value, or {@code null} if the key does not exist
	 */
	default @Nullable String get(String key, GetOptions options) {
		return get(key, ValueType.text(), options);
	}

	/**
	 * Reads a value as the given type.
	 * @param key the key
	 * @param type how to read the value
	 * @param <T> the type the value is read as
	 * @return the value, or {@code null} if the key does not exist
	 */
	default <T> @Nullable T get(String key, ValueType<T> type) {
		return get(key, type, GetOptions.defaults());
	}

	/**
	 * Reads a JSON value into a class.
	 * @param key the key
	 * @param type the class to bind to
	 * @param <T> the class
	 * @return the value, or {@code null} if the key does not exist
	 * @throws ValueDecodingException if the value is not JSON of that shape
	 */
	default <T> @Nullable T getJson(String key, Class<T> type) {
		return get(key, ValueType.json(type), GetOptions.defaults());
	}

	/**
	 * Reads a JSON value into a generic type.
	 * @param key the key
	 * @param type the type to bind to
	 * @param <T> the type
	 * @return the value, or {@code null} if the key does not exist
	 * @throws ValueDecodingException if the value is not JSON of that shape
	 */
	default <T> @Nullable T getJson(String key, TypeReference<T> type) {
		return get(key, ValueType.json(type), GetOptions.defaults());
	}

	/**
	 * Reads a value's raw bytes.
	 * @param key the key
	 * @return the bytes, or {@code null} if the key does not exist
	 */
	default byte @Nullable [] getBytes(String key) {
		return get(key, ValueType.bytes(), GetOptions.defaults());
	}

	/**
	 * Opens a value as a stream, which the caller must close.
	 * @param key the key
	 * @return the stream, or {@code null} if the key does not exist
	 */
	default @Nullable InputStream getStream(String key) {
		return get(key, ValueType.stream(), GetOptions.defaults());
	}

	// ---- bulk reads ---------------------------------------------------------------------------

	/**
	 * Reads up to 100 keys at once, as text or JSON.
	 * @param keys 1..100 keys; duplicates collapse into one entry
	 * @param type {@link ValueType#text()} or a JSON type
	 * @param options read options
	 * @param <T> the type values are read as
	 * @return an unmodifiable map in request order, with {@code null} for missing keys
	 * @throws InvalidBulkGetException if there are no keys or more than 100, the type is not text or
	 * JSON, a JSON read meets a value that is not JSON, or the values exceed 25 MiB in total
	 */
	<T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type, GetOptions options);

	/**
	 * Reads up to 100 keys at once as text.
	 * @param keys 1..100 keys
	 * @return an unmodifiable map in request order, with {@code null} for missing keys
	 */
	default Map<String, @Nullable String> get(List<String> keys) {
		return get(keys, ValueType.text(), GetOptions.defaults());
	}

	/**
	 * Reads up to 100 keys at once.
	 * @param keys 1..100 keys
	 * @param type {@link ValueType#text()} or a JSON type
	 * @param <T> the type values are read as
	 * @return an unmodifiable map in request order, with {@code null} for missing keys
	 */
	default <T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type) {
		return get(keys, type, GetOptions.defaults());
	}

	// ---- reads with metadata ------------------------------------------------------------------

	/**
	 * Reads a value with its metadata (and its expiration where the store knows it).
	 * @param key the key
	 * @param type how to read the value
	 * @param options read options
	 * @param <T> the type the value is read as
	 * @return the value and metadata, or {@code null} if the key does not exist
	 */
	<T> @Nullable ValueWithMetadata<T> getWithMetadata(String key, ValueType<T> type, GetOptions options);

	/**
	 * Reads a text value with its metadata.
	 * @param key the key
	 * @return the value and metadata, or {@code null} if the key does not exist
	 */
	default @Nullable ValueWithMetadata<String> getWithMetadata(String key) {
		return getWithMetadata(key, ValueType.text(), GetOptions.defaults());
	}

	/**
	 * Reads up to 100 keys with their metadata.
	 * @param keys 1..100 keys; duplicates collapse
	 * @param type {@link ValueType#text()} or a JSON type
	 * @param options read options
	 * @param <T> the type values are read as
	 * @return an unmodifiable map in request order, with {@code null} for missing keys
	 */
	<T> Map<String, @Nullable ValueWithMetadata<T>> getWithMetadata(List<String> keys, ValueType<T> type,
			GetOptions options);

	/**
	 * Reads up to 100 text values with their metadata.
	 * @param keys 1..100 keys
	 * @return an unmodifiable map in request order, with {@code null} for missing keys
	 */
	default Map<String, @Nullable ValueWithMetadata<String>> getWithMetadata(List<String> keys) {
		return getWithMetadata(keys, ValueType.text(), GetOptions.defaults());
	}

	// ---- writes -------------------------------------------------------------------------------

	/**
	 * Writes bytes, replacing any value, expiration and metadata the key had.
	 * @param key the key
	 * @param value at most 25 MiB
	 * @param options expiration and metadata
	 * @throws ValueTooLargeException, MetadataTooLargeException, InvalidExpirationException,
	 * InvalidKeyException when a limit is broken (nothing is written)
	 */
	void put(String key, byte[] value, PutOptions options);

	/**
	 * Writes a stream's content, reading it to the end without holding it all in memory where the
	 * store can avoid it. The caller keeps ownership of the stream and closes it.
	 * @param key the key
	 * @param value at most 25 MiB; a longer stream fails with {@link ValueTooLargeException} and
	 * nothing is written
	 * @param options expiration and metadata
	 */
	void put(String key, InputStream value, PutOptions options);

	/**
	 * Writes text as UTF-8.
	 * @param key the key
	 * @param value the text
	 * @param options expiration and metadata
	 */
	default void put(String key, String value, PutOptions options) {
		put(key, value.getBytes(StandardCharsets.UTF_8), options);
	}

	/**
	 * Writes text as UTF-8 with no expiration and no metadata.
	 * @param key the key
	 * @param value the text
	 */
	default void put(String key, String value) {
		put(key, value, PutOptions.none());
	}

	/**
	 * Writes bytes with no expiration and no metadata.
	 * @param key the key
	 * @param value the bytes
	 */
	default void put(String key, byte[] value) {
		put(key, value, PutOptions.none());
	}

	/**
	 * Deletes a key. Deleting a key that does not exist succeeds.
	 * @param key the key
	 */
	void delete(String key);

	// ---- bulk writes --------------------------------------------------------------------------

	/**
	 * Writes many pairs. Every write is validated before anything is written. Over the REST API the writes
	 * are sent in requests of at most 10,000 pairs and under 100 MB, each retried on its own; the embedded
	 * store writes them in transactions of up to 1,000 pairs.
	 * @param writes the pairs, in order (a later write of a key wins); an empty list writes nothing
	 * @param options a progress callback for large loads
	 * @return how many keys were confirmed, and the keys that were not (write those again)
	 * @throws KVValidationException if a write breaks a limit (nothing is written)
	 * @throws KVException if writing failed; REST failures after every request was tried carry the
	 * {@link BulkResult} of what was confirmed
	 */
	BulkResult bulkPut(List<BulkWrite> writes, BulkOptions options);

	/**
	 * Writes many pairs, reporting no progress.
	 * @param writes the pairs
	 * @return how many keys were confirmed, and the keys that were not
	 * @see #bulkPut(List, BulkOptions)
	 */
	default BulkResult bulkPut(List<BulkWrite> writes) {
		return bulkPut(writes, BulkOptions.defaults());
	}

	/**
	 * Deletes many keys; missing keys are not an error. Over the REST API in requests of at most 10,000
	 * keys; in the embedded store in transactions of up to 1,000 keys.
	 * @param keys the keys; an empty list deletes nothing
	 * @param options a progress callback for large deletes
	 * @return how many keys were confirmed, and the keys that were not (delete those again)
	 * @throws InvalidKeyException if a key is invalid (nothing is deleted)
	 */
	BulkResult bulkDelete(List<String> keys, BulkOptions options);

	/**
	 * Deletes many keys, reporting no progress.
	 * @param keys the keys
	 * @return how many keys were confirmed, and the keys that were not
	 * @see #bulkDelete(List, BulkOptions)
	 */
	default BulkResult bulkDelete(List<String> keys) {
		return bulkDelete(keys, BulkOptions.defaults());
	}

	/**
	 * Waits until every write this namespace accepted has been sent. Writes return once they are done,
	 * except where a REST client paces writes per key ({@code WritePacingOptions}): then a {@code put} may
	 * return once its write is accepted, and this sends what is pending. Does nothing otherwise.
	 * @throws KVException if accepted writes could not be sent
	 */
	default void flush() {
	}

	/**
	 * This namespace as a more specific type, for capabilities only one backend has (for example
	 * {@code CloudflareKVNamespace} of {@code kv-cloudflare}). Prefer the methods of this interface: code
	 * that unwraps runs on one backend only.
	 * @param type the type asked for
	 * @param <T> the type
	 * @return this namespace as that type, or empty if it is not one
	 */
	default <T> Optional<T> unwrap(Class<T> type) {
		return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
	}

	// ---- list ---------------------------------------------------------------------------------

	/**
	 * Lists one page of keys.
	 * @param options prefix, page size and cursor
	 * @return the page
	 */
	ListResult list(ListOptions options);

	/**
	 * Lists the first page of up to 1000 keys.
	 * @return the page
	 */
	default ListResult list() {
		return list(ListOptions.defaults());
	}

	// ---- asynchronous twins -------------------------------------------------------------------

	/**
	 * Asynchronous {@link #get(String, ValueType, GetOptions)}. Validation errors complete the future
	 * exceptionally.
	 * @param key the key
	 * @param type how to read the value
	 * @param options read options
	 * @param <T> the type the value is read as
	 * @return the value, or {@code null} if the key does not exist
	 */
	<T> CompletableFuture<@Nullable T> getAsync(String key, ValueType<T> type, GetOptions options);

	/**
	 * Asynchronous {@link #get(String)}.
	 * @param key the key
	 * @return the text, or {@code null} if the key does not exist
	 */
	default CompletableFuture<@Nullable String> getAsync(String key) {
		return getAsync(key, ValueType.text(), GetOptions.defaults());
	}

	/**
	 * Asynchronous {@link #get(List, ValueType, GetOptions)}.
	 * @param keys 1..100 keys
	 * @param type text or a JSON type
	 * @param options read options
	 * @param <T> the type values are read as
	 * @return the values in request order
	 */
	<T> CompletableFuture<Map<String, @Nullable T>> getAsync(List<String> keys, ValueType<T> type,
			GetOptions options);

	/**
	 * Asynchronous {@link #getWithMetadata(String, ValueType, GetOptions)}.
	 * @param key the key
	 * @param type how to read the value
	 * @param options read options
	 * @param <T> the type the value is read as
	 * @return the value and metadata, or {@code null} if the key does not exist
	 */
	<T> CompletableFuture<@Nullable ValueWithMetadata<T>> getWithMetadataAsync(String key, ValueType<T> type,
			GetOptions options);

	/**
	 * Asynchronous {@link #getWithMetadata(List, ValueType, GetOptions)}.
	 * @param keys 1..100 keys
	 * @param type text or a JSON type
	 * @param options read options
	 * @param <T> the type values are read as
	 * @return the values with metadata in request order
	 */
	<T> CompletableFuture<Map<String, @Nullable ValueWithMetadata<T>>> getWithMetadataAsync(List<String> keys,
			ValueType<T> type, GetOptions options);

	/**
	 * Asynchronous {@link #put(String, byte[], PutOptions)}.
	 * @param key the key
	 * @param value the bytes
	 * @param options expiration and metadata
	 * @return completes when the write is done
	 */
	CompletableFuture<Void> putAsync(String key, byte[] value, PutOptions options);

	/**
	 * Asynchronous {@link #put(String, String, PutOptions)}.
	 * @param key the key
	 * @param value the text
	 * @param options expiration and metadata
	 * @return completes when the write is done
	 */
	default CompletableFuture<Void> putAsync(String key, String value, PutOptions options) {
		return putAsync(key, value.getBytes(StandardCharsets.UTF_8), options);
	}

	/**
	 * Asynchronous {@link #delete(String)}.
	 * @param key the key
	 * @return completes when the key is gone
	 */
	CompletableFuture<Void> deleteAsync(String key);

	/**
	 * Asynchronous {@link #list(ListOptions)}.
	 * @param options prefix, page size and cursor
	 * @return the page
	 */
	CompletableFuture<ListResult> listAsync(ListOptions options);

	/**
	 * Asynchronous {@link #bulkPut(List, BulkOptions)}.
	 * @param writes the pairs
	 * @param options a progress callback
	 * @return how many keys were confirmed, and the keys that were not
	 */
	CompletableFuture<BulkResult> bulkPutAsync(List<BulkWrite> writes, BulkOptions options);

	/**
	 * Asynchronous {@link #bulkDelete(List, BulkOptions)}.
	 * @param keys the keys
	 * @param options a progress callback
	 * @return how many keys were confirmed, and the keys that were not
	 */
	CompletableFuture<BulkResult> bulkDeleteAsync(List<String> keys, BulkOptions options);

}
