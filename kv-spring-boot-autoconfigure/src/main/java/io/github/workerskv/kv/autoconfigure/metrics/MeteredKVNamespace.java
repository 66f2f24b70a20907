package io.github.workerskv.kv.autoconfigure.metrics;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import static io.github.workerskv.kv.autoconfigure.metrics.KVOperationRecorder.hitOrMiss;
import static io.github.workerskv.kv.autoconfigure.metrics.KVOperationRecorder.success;

/**
 * A {@link KVNamespace} that times every call of another one.
 *
 * <p>Every method, the interface's default methods included, calls the same method of the delegate, so
 * a delegate's own overrides keep working and each call is recorded exactly once. Operations:
 * {@value #GET} (single reads of any type, streams included: timed until the stream is returned, not
 * until it is read), {@value #GET_BULK} ({@code get(keys)} and {@code getWithMetadata(keys)}),
 * {@value #GET_WITH_METADATA} (single reads with metadata), {@value #PUT}, {@value #DELETE},
 * {@value #LIST}; asynchronous twins record under the same names.
 */
class MeteredKVNamespace implements KVNamespace {

	static final String GET = "get";

	static final String GET_BULK = "get_bulk";

	static final String GET_WITH_METADATA = "get_with_metadata";

	static final String PUT = "put";

	static final String DELETE = "delete";

	static final String LIST = "list";

	private final KVNamespace delegate;

	final KVOperationRecorder recorder;

	MeteredKVNamespace(KVNamespace delegate, KVOperationRecorder recorder) {
		this.delegate = delegate;
		this.recorder = recorder;
	}

	/**
	 * Wraps a namespace, keeping the REST-only type of a Cloudflare namespace.
	 * @param delegate the namespace to time
	 * @param recorder its binding's recorder
	 * @return a {@link CloudflareKVNamespace} if the delegate is one, else a plain {@link KVNamespace}
	 */
	static MeteredKVNamespace of(KVNamespace delegate, KVOperationRecorder recorder) {
		return (delegate instanceof CloudflareKVNamespace cloudflare) ? new MeteredCloudflareKVNamespace(cloudflare, recorder)
				: new MeteredKVNamespace(delegate, recorder);
	}

	// ---- single reads -------------------------------------------------------------------------

	@Override
	public <T> @Nullable T get(String key, ValueType<T> type, GetOptions options) {
		return this.recorder.record(GET, () -> this.delegate.get(key, type, options), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public @Nullable String get(String key) {
		return this.recorder.record(GET, () -> this.delegate.get(key), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public @Nullable String get(String key, GetOptions options) {
		return this.recorder.record(GET, () -> this.delegate.get(key, options), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public <T> @Nullable T get(String key, ValueType<T> type) {
		return this.recorder.record(GET, () -> this.delegate.get(key, type), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public <T> @Nullable T getJson(String key, Class<T> type) {
		return this.recorder.record(GET, () -> this.delegate.getJson(key, type), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public <T> @Nullable T getJson(String key, TypeReference<T> type) {
		return this.recorder.record(GET, () -> this.delegate.getJson(key, type), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public byte @Nullable [] getBytes(String key) {
		return this.recorder.record(GET, () -> this.delegate.getBytes(key), KVOperationRecorder::hitOrMiss);
	}

	@Override
	public @Nullable InputStream getStream(String key) {
		return this.recorder.record(GET, () -> this.delegate.getStream(key), KVOperationRecorder::hitOrMiss);
	}

	// ---- bulk reads ---------------------------------------------------------------------------

	@Override
	public <T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type, GetOptions options) {
		return this.recorder.record(GET_BULK, () -> this.delegate.get(keys, type, options), this::countKeys);
	}

	@Override
	public Map<String, @Nullable String> get(List<String> keys) {
		return this.recorder.record(GET_BULK, () -> this.delegate.get(keys), this::countKeys);
	}

	@Override
	public <T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type) {
		return this.recorder.record(GET_BULK, () -> this.delegate.get(keys, type), this::countKeys);
	}

	// ---- reads with metadata ------------------------------------------------------------------

	@Override
	public <T> @Nullable ValueWithMetadata<T> getWithMetadata(String key, ValueType<T> type, GetOptions options) {
		return this.recorder.record(GET_WITH_METADATA, () -> this.delegate.getWithMetadata(key, type, options),
				KVOperationRecorder::hitOrMiss);
	}

	@Override
	public @Nullable ValueWithMetadata<String> getWithMetadata(String key) {
		return this.recorder.record(GET_WITH_METADATA, () -> this.delegate.getWithMetadata(key),
				KVOperationRecorder::hitOrMiss);
	}

	@Override
	public <T> Map<String, @Nullable ValueWithMetadata<T>> getWithMetadata(List<String> keys, ValueType<T> type,
			GetOptions options) {
		return this.recorder.record(GET_BULK, () -> this.delegate.getWithMetadata(keys, type, options), this::countKeys);
	}

	@Override
	public Map<String, @Nullable ValueWithMetadata<String>> getWithMetadata(List<String> keys) {
		return this.recorder.record(GET_BULK, () -> this.delegate.getWithMetadata(keys), this::countKeys);
	}

	// ---- writes -------------------------------------------------------------------------------

	@Override
	public void put(String key, byte[] value, PutOptions options) {
		this.recorder.record(PUT, () -> this.delegate.put(key, value, options));
	}

	@Override
	public void put(String key, InputStream value, PutOptions options) {
		this.recorder.record(PUT, () -> this.delegate.put(key, value, options));
	}

	@Override
	public void put(String key, String value, PutOptions options) {
		this.recorder.record(PUT, () -> this.delegate.put(key, value, options));
	}

	@Override
	public void put(String key, String value) {
		this.recorder.record(PUT, () -> this.delegate.put(key, value));
	}

	@Override
	public void put(String key, byte[] value) {
		this.recorder.record(PUT, () -> this.delegate.put(key, value));
	}

	@Override
	public void delete(String key) {
		this.recorder.record(DELETE, () -> this.delegate.delete(key));
	}

	// ---- list ---------------------------------------------------------------------------------

	@Override
	public ListResult list(ListOptions options) {
		return this.recorder.record(LIST, () -> this.delegate.list(options), KVOperationRecorder::success);
	}

	@Override
	public ListResult list() {
		return this.recorder.record(LIST, this.delegate::list, KVOperationRecorder::success);
	}

	// ---- asynchronous twins -------------------------------------------------------------------

	@Override
	public <T> CompletableFuture<@Nullable T> getAsync(String key, ValueType<T> type, GetOptions options) {
		return this.recorder.recordAsync(GET, () -> this.delegate.getAsync(key, type, options), (value) -> hitOrMiss(value));
	}

	@Override
	public CompletableFuture<@Nullable String> getAsync(String key) {
		return this.recorder.recordAsync(GET, () -> this.delegate.getAsync(key), (value) -> hitOrMiss(value));
	}

	@Override
	public <T> CompletableFuture<Map<String, @Nullable T>> getAsync(List<String> keys, ValueType<T> type,
			GetOptions options) {
		return this.recorder.recordAsync(GET_BULK, () -> this.delegate.getAsync(keys, type, options), this::countKeys);
	}

	@Override
	public <T> CompletableFuture<@Nullable ValueWithMetadata<T>> getWithMetadataAsync(String key, ValueType<T> type,
			GetOptions options) {
		return this.recorder.recordAsync(GET_WITH_METADATA, () -> this.delegate.getWithMetadataAsync(key, type, options),
				(value) -> hitOrMiss(value));
	}

	@Override
	public <T> CompletableFuture<Map<String, @Nullable ValueWithMetadata<T>>> getWithMetadataAsync(List<String> keys,
			ValueType<T> type, GetOptions options) {
		return this.recorder.recordAsync(GET_BULK, () -> this.delegate.getWithMetadataAsync(keys, type, options),
				this::countKeys);
	}

	@Override
	public CompletableFuture<Void> putAsync(String key, byte[] value, PutOptions options) {
		return this.recorder.recordAsync(PUT, () -> this.delegate.putAsync(key, value, options), (none) -> success(none));
	}

	@Override
	public CompletableFuture<Void> putAsync(String key, String value, PutOptions options) {
		return this.recorder.recordAsync(PUT, () -> this.delegate.putAsync(key, value, options), (none) -> success(none));
	}

	@Override
	public CompletableFuture<Void> deleteAsync(String key) {
		return this.recorder.recordAsync(DELETE, () -> this.delegate.deleteAsync(key), (none) -> success(none));
	}

	@Override
	public CompletableFuture<ListResult> listAsync(ListOptions options) {
		return this.recorder.recordAsync(LIST, () -> this.delegate.listAsync(options), KVOperationRecorder::success);
	}

	@Override
	public String toString() {
		return "Metered[" + this.recorder.binding() + "](" + this.delegate + ")";
	}

	private String countKeys(Map<String, ?> values) {
		return this.recorder.countKeys(GET_BULK, values);
	}

}
