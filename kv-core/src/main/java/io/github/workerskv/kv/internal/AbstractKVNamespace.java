package io.github.workerskv.kv.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import io.github.workerskv.kv.BulkOptions;
import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.InvalidMetadataException;
import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVOperation;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.KVOutcome;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueDecodingException;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Implements {@link KVNamespace} on a handful of storage primitives: every limit is checked and every
 * value decoded here, so that each store only moves bytes, and every call is reported to the
 * {@link io.github.workerskv.kv.KVListener} here, once.
 *
 * <p>Each call becomes one immutable request value ({@link ReadRequest}, {@link WriteRequest}, ...) that
 * carries everything the store needs, its options included, down to the store. Subclasses implement
 * {@link #read}, {@link #write}, {@link #remove}, {@link #listKeys}, {@link #writeMany} and
 * {@link #removeMany}, and may override {@link #readMany} with a real bulk call.
 */
public abstract class AbstractKVNamespace implements KVNamespace {

	private final NamespaceSettings settings;

	/**
	 * @param settings id, name, mapper, clock, executor and listener
	 */
	protected AbstractKVNamespace(NamespaceSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings must not be null");
	}

	// ---- primitives ---------------------------------------------------------------------------

	/**
	 * Reads one live key.
	 * @param request the read
	 * @return the value, or {@code null} if the key is missing or expired
	 */
	protected abstract @Nullable StoredValue read(ReadRequest request);

	/**
	 * Reads several live keys; by default one {@link #read} per key.
	 * @param request the read
	 * @return a value or {@code null} for every key
	 */
	protected Map<String, @Nullable StoredValue> readMany(BulkReadRequest request) {
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (String key : request.keys()) {
			values.put(key, read(new ReadRequest(key, ValueType.text(), request.options(), request.withMetadata(),
					request.trace())));
		}
		return values;
	}

	/**
	 * Writes a key, replacing value, expiration and metadata.
	 * @param request the write
	 */
	protected abstract void write(WriteRequest request);

	/**
	 * Deletes a key; a missing key is not an error.
	 * @param request the delete
	 */
	protected abstract void remove(DeleteRequest request);

	/**
	 * Lists one page of live keys.
	 * @param request the page asked for
	 * @return the page
	 */
	protected abstract ListResult listKeys(ListRequest request);

	/**
	 * Writes many keys.
	 * @param request the checked pairs
	 * @return what was confirmed
	 */
	protected abstract BulkResult writeMany(BulkWriteRequest request);

	/**
	 * Deletes many keys.
	 * @param request the keys
	 * @return what was confirmed
	 */
	protected abstract BulkResult removeMany(BulkDeleteRequest request);

	/**
	 * The asynchronous {@link #write}, for {@code putAsync} once every limit was checked; by default
	 * {@link #write} on the async executor. Override it when the write completes later than its call
	 * returns (a paced write).
	 * @param request the write
	 * @return completes when the write is done
	 */
	protected CompletableFuture<Void> writeAsync(WriteRequest request) {
		return async(() -> {
			write(request);
			return null;
		});
	}

	/**
	 * The asynchronous {@link #remove}, for {@code deleteAsync} once the key was checked; by default
	 * {@link #remove} on the async executor.
	 * @param request the delete
	 * @return completes when the key is gone
	 */
	protected CompletableFuture<Void> removeAsync(DeleteRequest request) {
		return async(() -> {
			remove(request);
			return null;
		});
	}

	/**
	 * How a failed call is reported. By default {@link KVOutcome#RATE_LIMITED} for a
	 * {@link KVException#isRateLimited() rate-limited} failure and {@link KVOutcome#ERROR} for any other.
	 * @param failure why the call failed
	 * @return the outcome
	 */
	protected KVOutcome outcomeOf(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause instanceof KVException kv && kv.isRateLimited()) ? KVOutcome.RATE_LIMITED : KVOutcome.ERROR;
	}

	// ---- helpers for subclasses ---------------------------------------------------------------

	/** @return the clock that expirations are checked against */
	protected final Clock clock() {
		return this.settings.clock();
	}

	/** @return the current time in epoch seconds, by {@link #clock()} */
	protected final long nowSeconds() {
		return this.settings.clock().instant().getEpochSecond();
	}

	/** @return the mapper that reads JSON values and metadata */
	protected final JsonMapper jsonMapper() {
		return this.settings.jsonMapper().get();
	}

	/**
	 * Parses stored metadata JSON.
	 * @param json the JSON text, or {@code null}
	 * @return the metadata, or {@code null} if there is none
	 */
	protected final @Nullable JsonNode parseMetadata(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			JsonNode node = jsonMapper().readTree(json);
			return (node == null || node.isNull()) ? null : node;
		}
		catch (JacksonException ex) {
			throw new ValueDecodingException("Stored metadata is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	// ---- KVNamespace --------------------------------------------------------------------------

	@Override
	public String id() {
		return this.settings.id();
	}

	@Override
	public String name() {
		return this.settings.name();
	}

	@Override
	public <T> @Nullable T get(String key, ValueType<T> type, GetOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.GET, trace, 1, () -> {
			StoredValue stored = read(readRequest(key, type, options, false, trace));
			return (stored != null) ? decode(key, stored, type) : null;
		}, AbstractKVNamespace::found);
	}

	@Override
	public <T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type, GetOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.GET_BULK, trace, distinctCount(keys), () -> {
			Map<String, @Nullable StoredValue> stored = readBulk(keys, type, options, false, trace);
			Map<String, @Nullable T> values = new LinkedHashMap<>();
			stored.forEach((key, value) -> values.put(key, (value != null) ? decodeInBulk(key, value, type) : null));
			return Collections.unmodifiableMap(values);
		}, AbstractKVNamespace::found);
	}

	@Override
	public <T> @Nullable ValueWithMetadata<T> getWithMetadata(String key, ValueType<T> type, GetOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.GET_WITH_METADATA, trace, 1, () -> {
			StoredValue stored = read(readRequest(key, type, options, true, trace));
			if (stored == null) {
				return null;
			}
			JsonNode metadata = parseMetadata(stored.metadataJson());
			return new ValueWithMetadata<>(decode(key, stored, type), metadata, stored.expiration());
		}, AbstractKVNamespace::found);
	}

	@Override
	public <T> Map<String, @Nullable ValueWithMetadata<T>> getWithMetadata(List<String> keys, ValueType<T> type,
			GetOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.GET_BULK, trace, distinctCount(keys), () -> {
			Map<String, @Nullable StoredValue> stored = readBulk(keys, type, options, true, trace);
			Map<String, @Nullable ValueWithMetadata<T>> values = new LinkedHashMap<>();
			stored.forEach((key, value) -> values.put(key, (value != null) ? new ValueWithMetadata<>(
					decodeInBulk(key, value, type), parseMetadata(value.metadataJson()), value.expiration()) : null));
			return Collections.unmodifiableMap(values);
		}, AbstractKVNamespace::found);
	}

	@Override
	public void put(String key, byte[] value, PutOptions options) {
		CallTrace trace = new CallTrace();
		observe(KVOperation.PUT, trace, 1, () -> {
			write(writeRequest(key, bytesSource(key, value), options, trace));
			return null;
		}, AbstractKVNamespace::none);
	}

	@Override
	public void put(String key, InputStream value, PutOptions options) {
		CallTrace trace = new CallTrace();
		observe(KVOperation.PUT, trace, 1, () -> {
			Objects.requireNonNull(value, "value must not be null");
			KVLimits.checkKey(key);
			write(writeRequest(key, ValueSource.of(value), options, trace));
			return null;
		}, AbstractKVNamespace::none);
	}

	@Override
	public void delete(String key) {
		CallTrace trace = new CallTrace();
		observe(KVOperation.DELETE, trace, 1, () -> {
			remove(deleteRequest(key, trace));
			return null;
		}, AbstractKVNamespace::none);
	}

	@Override
	public ListResult list(ListOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.LIST, trace, 0,
				() -> listKeys(new ListRequest(Objects.requireNonNull(options, "options must not be null"), trace)),
				AbstractKVNamespace::none);
	}

	@Override
	public BulkResult bulkPut(List<BulkWrite> writes, BulkOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.BULK_PUT, trace, sizeOf(writes),
				() -> writeMany(bulkWriteRequest(writes, options, trace)), AbstractKVNamespace::none);
	}

	@Override
	public BulkResult bulkDelete(List<String> keys, BulkOptions options) {
		CallTrace trace = new CallTrace();
		return observe(KVOperation.BULK_DELETE, trace, sizeOf(keys),
				() -> removeMany(bulkDeleteRequest(keys, options, trace)), AbstractKVNamespace::none);
	}

	@Override
	public <T> CompletableFuture<@Nullable T> getAsync(String key, ValueType<T> type, GetOptions options) {
		return async(() -> get(key, type, options));
	}

	@Override
	public <T> CompletableFuture<Map<String, @Nullable T>> getAsync(List<String> keys, ValueType<T> type,
			GetOptions options) {
		return async(() -> get(keys, type, options));
	}

	@Override
	public <T> CompletableFuture<@Nullable ValueWithMetadata<T>> getWithMetadataAsync(String key, ValueType<T> type,
			GetOptions options) {
		return async(() -> getWithMetadata(key, type, options));
	}

	@Override
	public <T> CompletableFuture<Map<String, @Nullable ValueWithMetadata<T>>> getWithMetadataAsync(List<String> keys,
			ValueType<T> type, GetOptions options) {
		return async(() -> getWithMetadata(keys, type, options));
	}

	@Override
	public CompletableFuture<Void> putAsync(String key, byte[] value, PutOptions options) {
		CallTrace trace = new CallTrace();
		return observeAsync(KVOperation.PUT, trace, 1,
				() -> writeAsync(writeRequest(key, bytesSource(key, value), options, trace)));
	}

	@Override
	public CompletableFuture<Void> deleteAsync(String key) {
		CallTrace trace = new CallTrace();
		return observeAsync(KVOperation.DELETE, trace, 1, () -> removeAsync(deleteRequest(key, trace)));
	}

	@Override
	public CompletableFuture<ListResult> listAsync(ListOptions options) {
		return async(() -> list(options));
	}

	@Override
	public CompletableFuture<BulkResult> bulkPutAsync(List<BulkWrite> writes, BulkOptions options) {
		return async(() -> bulkPut(writes, options));
	}

	@Override
	public CompletableFuture<BulkResult> bulkDeleteAsync(List<String> keys, BulkOptions options) {
		return async(() -> bulkDelete(keys, options));
	}

	// ---- requests: every limit checked here ---------------------------------------------------

	private static ReadRequest readRequest(String key, ValueType<?> type, GetOptions options, boolean withMetadata,
			CallTrace trace) {
		KVLimits.checkKey(key);
		Objects.requireNonNull(type, "type must not be null");
		Objects.requireNonNull(options, "options must not be null");
		return new ReadRequest(key, type, options, withMetadata, trace);
	}

	private static ValueSource bytesSource(String key, byte[] value) {
		Objects.requireNonNull(value, "value must not be null");
		KVLimits.checkKey(key);
		KVLimits.checkValueLength(value.length);
		return ValueSource.of(value);
	}

	private WriteRequest writeRequest(String key, ValueSource value, PutOptions options, CallTrace trace) {
		Objects.requireNonNull(options, "options must not be null");
		String metadataJson = serializeMetadata(options.metadata());
		Long ttl = options.expirationTtl();
		Long expiration = (ttl != null) ? null : options.expiration();
		if (expiration != null) {
			KVLimits.checkExpiration(expiration, nowSeconds());
		}
		return new WriteRequest(key, value, expiration, ttl, metadataJson, trace);
	}

	private static DeleteRequest deleteRequest(String key, CallTrace trace) {
		KVLimits.checkKey(key);
		return new DeleteRequest(key, trace);
	}

	private BulkWriteRequest bulkWriteRequest(List<BulkWrite> writes, BulkOptions options, CallTrace trace) {
		Objects.requireNonNull(writes, "writes must not be null");
		Objects.requireNonNull(options, "options must not be null");
		long now = nowSeconds();
		List<BulkWriteRequest.Item> items = new ArrayList<>(writes.size());
		for (BulkWrite write : writes) {
			Objects.requireNonNull(write, "writes must not contain null");
			Long expiration = (write.expirationTtl() != null) ? null : write.expiration();
			if (expiration != null) {
				KVLimits.checkExpiration(expiration, now);
			}
			items.add(new BulkWriteRequest.Item(write, expiration, serializeMetadata(write.metadata())));
		}
		return new BulkWriteRequest(items, options, trace);
	}

	private static BulkDeleteRequest bulkDeleteRequest(List<String> keys, BulkOptions options, CallTrace trace) {
		Objects.requireNonNull(keys, "keys must not be null");
		Objects.requireNonNull(options, "options must not be null");
		for (String key : keys) {
			Objects.requireNonNull(key, "keys must not contain null");
			KVLimits.checkKey(key);
		}
		return new BulkDeleteRequest(keys, options, trace);
	}

	private @Nullable String serializeMetadata(@Nullable Object metadata) {
		if (metadata == null) {
			return null;
		}
		String json;
		try {
			json = jsonMapper().writeValueAsString(metadata);
		}
		catch (JacksonException ex) {
			throw new InvalidMetadataException(400, "Metadata of type " + metadata.getClass().getName()
					+ " cannot be serialised to JSON: " + ex.getOriginalMessage());
		}
		if ("null".equals(json)) {
			return null;
		}
		KVLimits.checkMetadataJson(json);
		return json;
	}

	private Map<String, @Nullable StoredValue> readBulk(List<String> keys, ValueType<?> type, GetOptions options,
			boolean withMetadata, CallTrace trace) {
		Objects.requireNonNull(keys, "keys must not be null");
		Objects.requireNonNull(options, "options must not be null");
		List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
		KVLimits.checkBulkGet(distinct, type);
		Map<String, @Nullable StoredValue> stored = readMany(new BulkReadRequest(distinct, options, withMetadata, trace));
		long total = 0;
		Map<String, @Nullable StoredValue> ordered = new LinkedHashMap<>();
		for (String key : distinct) {
			StoredValue value = stored.get(key);
			if (value != null && value.stream() != null) {
				value = StoredValue.ofBytes(value.readAllBytes(), value.metadataJson(), value.expiration());
			}
			if (value != null) {
				total += value.readAllBytes().length;
			}
			ordered.put(key, value);
		}
		KVLimits.checkBulkGetSize(total);
		return ordered;
	}

	// ---- decoding -----------------------------------------------------------------------------

	private <T> T decodeInBulk(String key, StoredValue value, ValueType<T> type) {
		try {
			return decode(key, value, type);
		}
		catch (ValueDecodingException ex) {
			throw new InvalidBulkGetException(400,
					"At least one of the requested keys corresponds to a non-json value (key '" + key + "')");
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T decode(String key, StoredValue value, ValueType<T> type) {
		return switch (type.kind()) {
			case STREAM -> (T) value.openStream();
			case BYTES -> (T) value.readAllBytes();
			case TEXT -> (T) new String(value.readAllBytes(), StandardCharsets.UTF_8);
			case JSON -> readJson(key, value.readAllBytes(), type);
		};
	}

	private <T> T readJson(String key, byte[] bytes, ValueType<T> type) {
		try {
			return jsonMapper().readValue(bytes, jsonMapper().constructType(type.javaType()));
		}
		catch (JacksonException ex) {
			throw new ValueDecodingException("Value of key '" + key + "' cannot be read as " + type + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	// ---- observation --------------------------------------------------------------------------

	/** Runs a call and tells the listener how it ended. */
	private <T> T observe(KVOperation operation, CallTrace trace, int keys, Supplier<T> call, ToIntFunction<T> hits) {
		long start = System.nanoTime();
		T result;
		try {
			result = call.get();
		}
		catch (RuntimeException | Error ex) {
			report(operation, outcomeOf(ex), start, keys, 0, trace, ex);
			throw ex;
		}
		int found = hits.applyAsInt(result);
		KVOutcome outcome = switch (operation) {
			case GET, GET_WITH_METADATA -> (found > 0) ? KVOutcome.HIT : KVOutcome.MISS;
			default -> KVOutcome.SUCCESS;
		};
		report(operation, outcome, start, (operation == KVOperation.LIST) ? listed(result) : keys, found, trace, null);
		return result;
	}

	/** Runs an asynchronous write and tells the listener how it ended once its future completes. */
	private CompletableFuture<Void> observeAsync(KVOperation operation, CallTrace trace, int keys,
			Supplier<CompletableFuture<Void>> call) {
		long start = System.nanoTime();
		CompletableFuture<Void> future;
		try {
			future = call.get();
		}
		catch (RuntimeException ex) {
			report(operation, outcomeOf(ex), start, keys, 0, trace, ex);
			return CompletableFuture.failedFuture(ex);
		}
		return future.whenComplete((ignored, ex) -> report(operation, (ex != null) ? outcomeOf(ex) : KVOutcome.SUCCESS,
				start, keys, 0, trace, ex));
	}

	private void report(KVOperation operation, KVOutcome outcome, long start, int keys, int hits, CallTrace trace,
			@Nullable Throwable failure) {
		this.settings.listener().onOperation(new KVOperationEvent(name(), id(), operation, outcome,
				Duration.ofNanos(System.nanoTime() - start), keys, hits, trace.retries(), failure));
	}

	private static int found(@Nullable Object result) {
		if (result instanceof Map<?, ?> values) {
			return (int) values.values().stream().filter(Objects::nonNull).count();
		}
		return (result != null) ? 1 : 0;
	}

	private static int none(@Nullable Object result) {
		return 0;
	}

	private static int listed(@Nullable Object result) {
		return (result instanceof ListResult page) ? page.keys().size() : 0;
	}

	private static int distinctCount(@Nullable List<String> keys) {
		return (keys != null) ? new LinkedHashSet<>(keys).size() : 0;
	}

	private static int sizeOf(@Nullable List<?> items) {
		return (items != null) ? items.size() : 0;
	}

	private <T> CompletableFuture<T> async(Supplier<T> call) {
		CompletableFuture<T> future = new CompletableFuture<>();
		try {
			this.settings.asyncExecutor().execute(() -> {
				try {
					future.complete(call.get());
				}
				catch (Throwable ex) {
					future.completeExceptionally(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

}
