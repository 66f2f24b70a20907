package io.github.workerskv.kv.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.InvalidMetadataException;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
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
 * value decoded here, so that each store only moves bytes. Subclasses implement {@link #read},
 * {@link #write}, {@link #remove} and {@link #listKeys}, and may override {@link #readMany} with a
 * real bulk call.
 */
public abstract class AbstractKVNamespace implements KVNamespace {

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final Executor asyncExecutor;

	/**
	 * @param jsonMapper reads JSON values and writes metadata
	 * @param clock the clock that expirations are checked against
	 * @param asyncExecutor runs the asynchronous twins ({@code Runnable::run} completes them in the caller)
	 */
	protected AbstractKVNamespace(JsonMapper jsonMapper, Clock clock, Executor asyncExecutor) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.asyncExecutor = Objects.requireNonNull(asyncExecutor, "asyncExecutor must not be null");
	}

	// ---- primitives ---------------------------------------------------------------------------

	/**
	 * Reads one live key.
	 * @param key a valid key
	 * @param withMetadata whether metadata and expiration are needed
	 * @param preferStream whether the caller wants a stream (a hint; bytes are always acceptable)
	 * @return the value, or {@code null} if the key is missing or expired
	 */
	protected abstract @Nullable StoredValue read(String key, boolean withMetadata, boolean preferStream);

	/**
	 * Reads several live keys; by default one {@link #read} per key.
	 * @param keys valid, distinct keys (1..100)
	 * @param withMetadata whether metadata and expiration are needed
	 * @return a value or {@code null} for every key
	 */
	protected Map<String, @Nullable StoredValue> readMany(List<String> keys, boolean withMetadata) {
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (String key : keys) {
			values.put(key, read(key, withMetadata, false));
		}
		return values;
	}

	/**
	 * Writes a key, replacing value, expiration and metadata.
	 * @param key a valid key
	 * @param value the value, within the size limit (a stream enforces it while it is read)
	 * @param expiration absolute expiration in epoch seconds, already checked, or {@code null}
	 * @param expirationTtl time to live in seconds, already checked, or {@code null}; never both
	 * @param metadataJson metadata JSON within the size limit, or {@code null}
	 */
	protected abstract void write(String key, ValueSource value, @Nullable Long expiration,
			@Nullable Long expirationTtl, @Nullable String metadataJson);

	/**
	 * Deletes a key; a missing key is not an error.
	 * @param key a valid key
	 */
	protected abstract void remove(String key);

	/**
	 * Lists one page of live keys.
	 * @param options validated options
	 * @return the page
	 */
	protected abstract ListResult listKeys(ListOptions options);

	/**
	 * The asynchronous {@link #write}, for {@code putAsync} once every limit was checked; by default
	 * {@link #write} on the async executor. Override it when the write completes later than its call
	 * returns (a paced write).
	 * @param key a valid key
	 * @param value the value, within the size limit
	 * @param expiration absolute expiration in epoch seconds, already checked, or {@code null}
	 * @param expirationTtl time to live in seconds, already checked, or {@code null}; never both
	 * @param metadataJson metadata JSON within the size limit, or {@code null}
	 * @return completes when the write is done
	 */
	protected CompletableFuture<Void> writeAsync(String key, ValueSource value, @Nullable Long expiration,
			@Nullable Long expirationTtl, @Nullable String metadataJson) {
		return async(() -> {
			write(key, value, expiration, expirationTtl, metadataJson);
			return null;
		});
	}

	/**
	 * The asynchronous {@link #remove}, for {@code deleteAsync} once the key was checked; by default
	 * {@link #remove} on the async executor.
	 * @param key a valid key
	 * @return completes when the key is gone
	 */
	protected CompletableFuture<Void> removeAsync(String key) {
		return async(() -> {
			remove(key);
			return null;
		});
	}

	// ---- helpers for subclasses ---------------------------------------------------------------

	/** @return the clock that expirations are checked against */
	protected final Clock clock() {
		return this.clock;
	}

	/** @return the mapper that reads JSON values and metadata */
	protected final JsonMapper jsonMapper() {
		return this.jsonMapper;
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
			JsonNode node = this.jsonMapper.readTree(json);
			return (node == null || node.isNull()) ? null : node;
		}
		catch (JacksonException ex) {
			throw new ValueDecodingException("Stored metadata is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	// ---- KVNamespace --------------------------------------------------------------------------

	@Override
	public <T> @Nullable T get(String key, ValueType<T> type, GetOptions options) {
		KVLimits.checkKey(key);
		Objects.requireNonNull(options, "options must not be null");
		StoredValue stored = read(key, false, type.kind() == ValueType.Kind.STREAM);
		return (stored != null) ? decode(key, stored, type) : null;
	}

	@Override
	public <T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type, GetOptions options) {
		Map<String, @Nullable StoredValue> stored = readBulk(keys, type, options, false);
		Map<String, @Nullable T> values = new LinkedHashMap<>();
		stored.forEach((key, value) -> values.put(key, (value != null) ? decodeInBulk(key, value, type) : null));
		return Collections.unmodifiableMap(values);
	}

	@Override
	public <T> @Nullable ValueWithMetadata<T> getWithMetadata(String key, ValueType<T> type, GetOptions options) {
		KVLimits.checkKey(key);
		Objects.requireNonNull(options, "options must not be null");
		StoredValue stored = read(key, true, type.kind() == ValueType.Kind.STREAM);
		if (stored == null) {
			return null;
		}
		JsonNode metadata = parseMetadata(stored.metadataJson());
		return new ValueWithMetadata<>(decode(key, stored, type), metadata, stored.expiration());
	}

	@Override
	public <T> Map<String, @Nullable ValueWithMetadata<T>> getWithMetadata(List<String> keys, ValueType<T> type,
			GetOptions options) {
		Map<String, @Nullable StoredValue> stored = readBulk(keys, type, options, true);
		Map<String, @Nullable ValueWithMetadata<T>> values = new LinkedHashMap<>();
		stored.forEach((key, value) -> values.put(key, (value != null) ? new ValueWithMetadata<>(
				decodeInBulk(key, value, type), parseMetadata(value.metadataJson()), value.expiration()) : null));
		return Collections.unmodifiableMap(values);
	}

	@Override
	public void put(String key, byte[] value, PutOptions options) {
		Objects.requireNonNull(value, "value must not be null");
		KVLimits.checkKey(key);
		KVLimits.checkValueLength(value.length);
		writeChecked(key, ValueSource.of(value), options);
	}

	@Override
	public void put(String key, InputStream value, PutOptions options) {
		Objects.requireNonNull(value, "value must not be null");
		KVLimits.checkKey(key);
		writeChecked(key, ValueSource.of(value), options);
	}

	@Override
	public void delete(String key) {
		KVLimits.checkKey(key);
		remove(key);
	}

	@Override
	public ListResult list(ListOptions options) {
		return listKeys(Objects.requireNonNull(options, "options must not be null"));
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
		try {
			Objects.requireNonNull(value, "value must not be null");
			KVLimits.checkKey(key);
			KVLimits.checkValueLength(value.length);
			CheckedOptions checked = check(options);
			return writeAsync(key, ValueSource.of(value), checked.expiration(), checked.expirationTtl(),
					checked.metadataJson());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Void> deleteAsync(String key) {
		try {
			KVLimits.checkKey(key);
			return removeAsync(key);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<ListResult> listAsync(ListOptions options) {
		return async(() -> list(options));
	}

	// ---- internals ----------------------------------------------------------------------------

	private void writeChecked(String key, ValueSource value, PutOptions options) {
		CheckedOptions checked = check(options);
		write(key, value, checked.expiration(), checked.expirationTtl(), checked.metadataJson());
	}

	private CheckedOptions check(PutOptions options) {
		Objects.requireNonNull(options, "options must not be null");
		String metadataJson = serializeMetadata(options.metadata());
		Long ttl = options.expirationTtl();
		Long expiration = (ttl != null) ? null : options.expiration();
		if (expiration != null) {
			KVLimits.checkExpiration(expiration, this.clock.instant().getEpochSecond());
		}
		return new CheckedOptions(expiration, ttl, metadataJson);
	}

	/** Write options once checked: at most one of the expirations, metadata as JSON within its limit. */
	private record CheckedOptions(@Nullable Long expiration, @Nullable Long expirationTtl,
			@Nullable String metadataJson) {
	}

	private @Nullable String serializeMetadata(@Nullable Object metadata) {
		if (metadata == null) {
			return null;
		}
		String json;
		try {
			json = this.jsonMapper.writeValueAsString(metadata);
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
			boolean withMetadata) {
		Objects.requireNonNull(options, "options must not be null");
		List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
		KVLimits.checkBulkGet(distinct, type);
		Map<String, @Nullable StoredValue> stored = readMany(distinct, withMetadata);
		long total = 0;
		Map<String, @Nullable StoredValue> ordered = new LinkedHashMap<>();
		for (String key : distinct) {
			StoredValue value = stored.get(key);
			if (value != null && value.stream() != null) {
				value = StoredValue.ofBytes(value.readAllBytes(), value.metadataJson(), value.expiration());
			}
			if (value != null) {
				total += value.bytes().length;
			}
			ordered.put(key, value);
		}
		KVLimits.checkBulkGetSize(total);
		return ordered;
	}

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
			return this.jsonMapper.readValue(bytes, this.jsonMapper.constructType(type.javaType()));
		}
		catch (JacksonException ex) {
			throw new ValueDecodingException("Value of key '" + key + "' cannot be read as " + type + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	private <T> CompletableFuture<T> async(Supplier<T> call) {
		CompletableFuture<T> future = new CompletableFuture<>();
		try {
			this.asyncExecutor.execute(() -> {
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
