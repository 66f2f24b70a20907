package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidMetadataException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.ValueTooLargeException;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.internal.AbstractKVNamespace;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace over the REST API. {@link AbstractKVNamespace} checks every limit and decodes values;
 * this class moves bytes, as {@link CloudflareKVNamespace} describes.
 */
final class RestKVNamespace extends AbstractKVNamespace implements CloudflareKVNamespace {

	private static final String JSON = "application/json";

	private static final String OCTET_STREAM = "application/octet-stream";

	/**
	 * The read options and type of the call in progress on this thread: the primitives of
	 * {@link AbstractKVNamespace} receive neither, and the cache and the choice of endpoint need both.
	 */
	private static final ThreadLocal<ReadContext> READ_CONTEXT = new ThreadLocal<>();

	private record ReadContext(@Nullable Duration cacheTtl, ValueType.Kind kind) {

		boolean textual() {
			return this.kind == ValueType.Kind.TEXT || this.kind == ValueType.Kind.JSON;
		}

	}

	private final ApiClient api;

	private final ReadCache cache;

	private final String id;

	private final String path;

	/** The namespace's name in listener events and retry names. */
	private final String binding;

	private final Retrier retrier;

	private final @Nullable WritePacer pacer;

	private final Resilience resilience;

	RestKVNamespace(ApiClient api, ReadCache cache, String id, Executor asyncExecutor, Resilience resilience) {
		super(api.jsonMapper(), api.config().clock(), asyncExecutor);
		this.api = api;
		this.cache = cache;
		this.id = id;
		this.path = api.namespacesPath() + "/" + UrlEncoding.encode(id);
		this.binding = api.config().namespaceName(id);
		this.resilience = resilience;
		this.retrier = resilience.retrier();
		this.pacer = resilience.pacer();
	}

	@Override
	public String id() {
		return this.id;
	}

	// ---- reads: carry options and type to the primitives ------------------------------------------

	@Override
	public <T> @Nullable T get(String key, ValueType<T> type, GetOptions options) {
		return withContext(options, type, () -> super.get(key, type, options));
	}

	@Override
	public <T> Map<String, @Nullable T> get(List<String> keys, ValueType<T> type, GetOptions options) {
		return withContext(options, type, () -> super.get(keys, type, options));
	}

	@Override
	public <T> @Nullable ValueWithMetadata<T> getWithMetadata(String key, ValueType<T> type, GetOptions options) {
		return withContext(options, type, () -> super.getWithMetadata(key, type, options));
	}

	@Override
	public <T> Map<String, @Nullable ValueWithMetadata<T>> getWithMetadata(List<String> keys, ValueType<T> type,
			GetOptions options) {
		return withContext(options, type, () -> super.getWithMetadata(keys, type, options));
	}

	private static <R> R withContext(@Nullable GetOptions options, ValueType<?> type, Supplier<R> call) {
		Objects.requireNonNull(type, "type must not be null");
		ReadContext previous = READ_CONTEXT.get();
		READ_CONTEXT.set(new ReadContext((options != null) ? options.cacheTtl() : null, type.kind()));
		try {
			return call.get();
		}
		finally {
			if (previous != null) {
				READ_CONTEXT.set(previous);
			}
			else {
				READ_CONTEXT.remove();
			}
		}
	}

	// ---- primitives ---------------------------------------------------------------------------

	@Override
	protected @Nullable StoredValue read(String key, boolean withMetadata, boolean preferStream) {
		PacedValue paced = pacedValue(key);
		if (paced != null) {
			return paced.value();
		}
		ReadContext context = READ_CONTEXT.get();
		boolean textual = context != null && context.textual();
		Duration cacheTtl = (context != null && this.cache.enabled()) ? context.cacheTtl() : null;
		if (cacheTtl != null) {
			ReadCache.Entry entry = this.cache.get(this.id, key, cacheTtl);
			if (entry != null && entry.serves(!textual, withMetadata)) {
				return entry.toStoredValue();
			}
		}
		long epoch = this.cache.epoch();
		StoredValue value;
		if (withMetadata && textual) {
			value = bulkRead(List.of(key), true, "get_with_metadata").get(key);
		}
		else {
			value = readValue(key, withMetadata, preferStream);
		}
		if (cacheTtl != null && (value == null || value.bytes() != null)) {
			this.cache.put(this.id, key, entry(value, !(withMetadata && textual), withMetadata), epoch);
		}
		return value;
	}

	@Override
	protected Map<String, @Nullable StoredValue> readMany(List<String> keys, boolean withMetadata) {
		ReadContext context = READ_CONTEXT.get();
		Duration cacheTtl = (context != null && this.cache.enabled()) ? context.cacheTtl() : null;
		Map<String, @Nullable StoredValue> cached = new LinkedHashMap<>();
		Map<String, PacedValue> paced = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>(keys.size());
		for (String key : keys) {
			PacedValue pending = pacedValue(key);
			ReadCache.Entry entry = (cacheTtl != null) ? this.cache.get(this.id, key, cacheTtl) : null;
			if (pending != null) {
				paced.put(key, pending);
			}
			else if (entry != null && entry.serves(false, withMetadata)) {
				cached.put(key, entry.toStoredValue());
			}
			else {
				missing.add(key);
			}
		}
		long epoch = this.cache.epoch();
		Map<String, @Nullable StoredValue> fetched = missing.isEmpty() ? Map.of()
				: bulkRead(missing, withMetadata, "get_bulk");
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (String key : keys) {
			if (paced.containsKey(key)) {
				values.put(key, paced.get(key).value());
			}
			else if (cached.containsKey(key)) {
				values.put(key, cached.get(key));
			}
			else {
				StoredValue value = fetched.get(key);
				if (cacheTtl != null) {
					this.cache.put(this.id, key, entry(value, false, withMetadata), epoch);
				}
				values.put(key, value);
			}
		}
		return values;
	}

	@Override
	protected void write(String key, ValueSource value, @Nullable Long expiration, @Nullable Long expirationTtl,
			@Nullable String metadataJson) {
		if (this.pacer == null) {
			sendWrite(key, value, expiration, expirationTtl, metadataJson);
			return;
		}
		byte[] bytes = value.bytes();
		if (bytes == null) {
			WritePacer.Write streamed = new WritePacer.Write(this.id, this.binding, key, "put", null, null, null, () -> {
			});
			if (this.pacer.tryBegin(streamed)) {
				RuntimeException failure = null;
				try {
					sendWrite(key, value, expiration, expirationTtl, metadataJson);
				}
				catch (RuntimeException ex) {
					failure = ex;
					throw ex;
				}
				finally {
					this.pacer.end(streamed, failure);
				}
				return;
			}
			bytes = value.readAllBytes();
		}
		this.pacer.submit(pacedPut(key, bytes, expiration, expirationTtl, metadataJson), true);
	}

	@Override
	protected CompletableFuture<Void> writeAsync(String key, ValueSource value, @Nullable Long expiration,
			@Nullable Long expirationTtl, @Nullable String metadataJson) {
		if (this.pacer == null) {
			return super.writeAsync(key, value, expiration, expirationTtl, metadataJson);
		}
		return this.pacer.submit(pacedPut(key, value.readAllBytes(), expiration, expirationTtl, metadataJson), false);
	}

	@Override
	protected void remove(String key) {
		if (this.pacer == null) {
			sendRemove(key);
			return;
		}
		this.pacer.submit(pacedDelete(key), true);
	}

	@Override
	protected CompletableFuture<Void> removeAsync(String key) {
		if (this.pacer == null) {
			return super.removeAsync(key);
		}
		return this.pacer.submit(pacedDelete(key), false);
	}

	@Override
	public void flush() {
		if (this.pacer != null) {
			this.pacer.flush(this.id, this.resilience.flushTimeout());
		}
	}

	private WritePacer.Write pacedPut(String key, byte[] bytes, @Nullable Long expiration, @Nullable Long expirationTtl,
			@Nullable String metadataJson) {
		Long expiresAt = expiration;
		if (expirationTtl != null) {
			expiresAt = clock().instant().getEpochSecond() + expirationTtl;
		}
		return new WritePacer.Write(this.id, this.binding, key, "put", bytes, metadataJson, expiresAt,
				() -> sendWrite(key, ValueSource.of(bytes), expiration, expirationTtl, metadataJson));
	}

	private WritePacer.Write pacedDelete(String key) {
		return new WritePacer.Write(this.id, this.binding, key, "delete", null, null, null, () -> sendRemove(key));
	}

	/**
	 * The value a read must see because of a paced write not known to be applied yet.
	 * @param key the key
	 * @return the pending (or in flight) write's value, {@code null} inside for a delete; {@code null} if
	 * there is no such write or its value is not known (a streamed one)
	 */
	private @Nullable PacedValue pacedValue(String key) {
		if (this.pacer == null) {
			return null;
		}
		WritePacer.Write latest = this.pacer.latest(this.id, key);
		if (latest == null) {
			return null;
		}
		if (latest.delete()) {
			return new PacedValue(null);
		}
		byte[] bytes = latest.value();
		return (bytes != null) ? new PacedValue(StoredValue.ofBytes(bytes, latest.metadataJson(), latest.expiration()))
				: null;
	}

	/** A paced write's value: the value, or {@code null} for a deleted key. */
	private record PacedValue(@Nullable StoredValue value) {
	}

	/** Sends a value write: retried when the value is bytes, once when it is the caller's stream. */
	private void sendWrite(String key, ValueSource value, @Nullable Long expiration, @Nullable Long expirationTtl,
			@Nullable String metadataJson) {
		String valuePath = valuePath(key);
		ApiClient.Query query = ApiClient.query().add("expiration", expiration).add("expiration_ttl", expirationTtl);
		Multipart multipart = (metadataJson != null) ? new Multipart() : null;
		String contentType = (multipart != null) ? multipart.contentType() : OCTET_STREAM;
		this.cache.invalidate(this.id, key);
		try {
			if (value.stream() == null) {
				byte[] bytes = Objects.requireNonNull(value.bytes());
				this.retrier.call(this.binding, "put", () -> this.api.call("PUT", valuePath, query,
						(multipart != null) ? multipart.body(bytes, metadataJson) : BodyPublishers.ofByteArray(bytes),
						contentType));
				return;
			}
			TrackingInputStream stream = new TrackingInputStream(value.stream());
			BodyPublisher body = (multipart != null) ? multipart.body(stream, metadataJson)
					: BodyPublishers.ofInputStream(() -> stream);
			try {
				this.retrier.once(this.binding, "put", () -> this.api.call("PUT", valuePath, query, body, contentType));
			}
			catch (RuntimeException ex) {
				stream.rethrowFailure();
				throw ex;
			}
			stream.rethrowFailure();
		}
		finally {
			this.cache.invalidate(this.id, key);
		}
	}

	/** Sends a delete, retried; a key that is already gone is not an error. */
	private void sendRemove(String key) {
		String valuePath = valuePath(key);
		this.cache.invalidate(this.id, key);
		try {
			this.retrier.call(this.binding, "delete", () -> {
				HttpResponse<InputStream> response = this.api.send("DELETE", valuePath, null, null, null, JSON);
				if (response.statusCode() == 404) {
					Envelope envelope = this.api.errorEnvelope(response);
					if (!envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
						throw this.api.failure("DELETE", valuePath, response, envelope);
					}
					return null;
				}
				this.api.success("DELETE", valuePath, response);
				return null;
			});
		}
		finally {
			this.cache.invalidate(this.id, key);
		}
	}

	@Override
	protected ListResult listKeys(ListOptions options) {
		ListPaging.Position position = ListPaging.parse(options.cursor());
		String keysPath = this.path + "/keys";
		ApiClient.Query query = ApiClient.query()
			.add("limit", ListPaging.requestLimit(options.limit()))
			.add("prefix", options.prefix())
			.add("cursor", position.serverCursor());
		Envelope envelope = this.retrier.call(this.binding, "list",
				() -> this.api.exchange("GET", keysPath, query, null, null));
		JsonNode result = envelope.result();
		if (result == null || !result.isArray()) {
			throw this.api.malformed("GET", keysPath, 200, "its result is not an array of keys");
		}
		List<KVKey> keys = new ArrayList<>(result.size());
		for (JsonNode item : result) {
			JsonNode name = item.get("name");
			if (name == null || !name.isString()) {
				throw this.api.malformed("GET", keysPath, 200, "a key of its result has no name");
			}
			JsonNode metadata = item.get("metadata");
			keys.add(new KVKey(name.stringValue(), longOrNull(item.get("expiration")),
					(metadata == null || metadata.isNull() || metadata.isMissingNode()) ? null : metadata));
		}
		JsonNode info = envelope.resultInfo();
		JsonNode cursor = (info != null) ? info.get("cursor") : null;
		String next = (cursor != null && cursor.isString()) ? cursor.stringValue() : null;
		return ListPaging.page(position, keys, next, options.limit());
	}

	// ---- bulk writes --------------------------------------------------------------------------

	@Override
	public BulkResult bulkPut(List<BulkWrite> writes) {
		Objects.requireNonNull(writes, "writes must not be null");
		long now = clock().instant().getEpochSecond();
		List<JsonNode> items = new ArrayList<>(writes.size());
		List<String> keys = new ArrayList<>(writes.size());
		for (BulkWrite write : writes) {
			Objects.requireNonNull(write, "writes must not contain null");
			ObjectNode item = jsonMapper().createObjectNode();
			item.put("key", write.key());
			item.put("value", write.value());
			if (write.base64()) {
				item.put("base64", true);
			}
			if (write.expirationTtl() != null) {
				item.put("expiration_ttl", write.expirationTtl());
			}
			else if (write.expiration() != null) {
				KVLimits.checkExpiration(write.expiration(), now);
				item.put("expiration", write.expiration());
			}
			JsonNode metadata = metadataNode(write.metadata());
			if (metadata != null) {
				item.set("metadata", metadata);
			}
			items.add(item);
			keys.add(write.key());
		}
		return sendInChunks("PUT", this.path + "/bulk", "Bulk put", "bulk_put", items, keys);
	}

	@Override
	public BulkResult bulkDelete(List<String> keys) {
		Objects.requireNonNull(keys, "keys must not be null");
		List<JsonNode> items = new ArrayList<>(keys.size());
		for (String key : keys) {
			Objects.requireNonNull(key, "keys must not contain null");
			KVLimits.checkKey(key);
			items.add(jsonMapper().getNodeFactory().stringNode(key));
		}
		return sendInChunks("POST", this.path + "/bulk/delete", "Bulk delete", "bulk_delete", items, List.copyOf(keys));
	}

	/**
	 * Sends a bulk call's items in requests the API accepts, each retried on its own; then sends again, in
	 * up to {@code maxAttempts - 1} more rounds, only the items the server listed in
	 * {@code unsuccessful_keys}. A request that fails for good does not stop the others; its items are
	 * reported as unconfirmed and not sent again.
	 */
	private BulkResult sendInChunks(String method, String bulkPath, String what, String operation, List<JsonNode> items,
			List<String> keys) {
		long[] sizes = new long[items.size()];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = serializedLength(items.get(i));
		}
		int requests = 0;
		List<Integer> todo = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			todo.add(i);
		}
		checkChunks(sizes, todo, what);
		Map<String, List<WritePacer.Waiter>> superseded = (this.pacer != null)
				? this.pacer.supersede(this.id, keys, this.binding, operation) : Map.of();
		long successful = 0;
		boolean[] failed = new boolean[items.size()];
		List<CloudflareKVException> failures = new ArrayList<>();
		int rounds = this.retrier.maxAttempts();
		for (int round = 1; round <= rounds && !todo.isEmpty(); round++) {
			if (round > 1) {
				this.resilience.listener().onBulkKeysResent(this.binding, operation, todo.size());
				if (!pause(this.retrier.backoff(round - 1))) {
					break;
				}
			}
			List<Integer> again = new ArrayList<>();
			for (BulkChunks.Range range : checkChunks(sizes, todo, what)) {
				List<Integer> chunk = todo.subList(range.from(), range.to());
				List<String> chunkKeys = chunk.stream().map(keys::get).toList();
				ArrayNode body = jsonMapper().createArrayNode();
				chunk.forEach((index) -> body.add(items.get(index)));
				byte[] bytes = jsonMapper().writeValueAsBytes(body);
				chunkKeys.forEach((key) -> this.cache.invalidate(this.id, key));
				requests++;
				try {
					ChunkResult result = this.retrier.call(this.binding, operation,
							() -> sendChunk(method, bulkPath, bytes, chunk.size()));
					successful += result.successful();
					Set<String> notWritten = new HashSet<>(result.unsuccessfulKeys());
					for (int index : chunk) {
						if (notWritten.contains(keys.get(index))) {
							again.add(index);
						}
					}
				}
				catch (CloudflareKVException ex) {
					failures.add(ex);
					chunk.forEach((index) -> failed[index] = true);
				}
				finally {
					chunkKeys.forEach((key) -> this.cache.invalidate(this.id, key));
				}
			}
			todo = again;
		}
		Set<Integer> stillUnsuccessful = new HashSet<>(todo);
		List<String> unsuccessful = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (failed[i] || stillUnsuccessful.contains(i)) {
				unsuccessful.add(keys.get(i));
			}
		}
		BulkResult result = new BulkResult(successful, unsuccessful);
		CloudflareBulkException failure = failures.isEmpty() ? null
				: new CloudflareBulkException(what + " in namespace " + this.id + ": " + failures.size() + " of "
						+ requests + " requests failed and " + unsuccessful.size()
						+ " keys are unconfirmed (see result().unsuccessfulKeys()); first failure: "
						+ failures.get(0).getMessage(), result, failures);
		if (this.pacer != null && !superseded.isEmpty()) {
			RuntimeException why = (failure != null) ? failure
					: new IllegalStateException(what + " did not confirm the key (unsuccessful_keys)");
			this.pacer.settle(this.id, this.binding, operation, superseded, new HashSet<>(unsuccessful), why);
		}
		if (failure != null) {
			throw failure;
		}
		return result;
	}

	private static List<BulkChunks.Range> checkChunks(long[] sizes, List<Integer> todo, String what) {
		long[] todoSizes = new long[todo.size()];
		for (int i = 0; i < todoSizes.length; i++) {
			todoSizes[i] = sizes[todo.get(i)];
		}
		try {
			return BulkChunks.plan(todoSizes, BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES);
		}
		catch (IllegalArgumentException ex) {
			throw new ValueTooLargeException(413, what + ": " + ex.getMessage() + ".");
		}
	}

	/** One attempt at one bulk request. */
	private ChunkResult sendChunk(String method, String bulkPath, byte[] body, int size) {
		HttpResponse<InputStream> response = this.api.send(method, bulkPath, null, BodyPublishers.ofByteArray(body), JSON,
				JSON);
		JsonNode result = this.api.success(method, bulkPath, response).result();
		List<String> notWritten = stringList((result != null) ? result.get("unsuccessful_keys") : null);
		Long count = (result != null) ? longOrNull(result.get("successful_key_count")) : null;
		return new ChunkResult((count != null) ? count : size - notWritten.size(), notWritten);
	}

	/**
	 * What one bulk request confirmed.
	 * @param successful how many keys the server confirmed
	 * @param unsuccessfulKeys the keys it listed as not written to every backend
	 */
	private record ChunkResult(long successful, List<String> unsuccessfulKeys) {
	}

	/** Sleeps between bulk rounds; false if interrupted (the flag is kept). */
	private static boolean pause(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	// ---- requests -----------------------------------------------------------------------------

	private @Nullable StoredValue readValue(String key, boolean withMetadata, boolean asStream) {
		String operation = withMetadata ? "get_with_metadata" : "get";
		ValueRead read = this.retrier.call(this.binding, operation, () -> fetchValue(key, asStream));
		if (read == null) {
			return null;
		}
		String metadataJson = null;
		if (withMetadata) {
			try {
				metadataJson = this.retrier.call(this.binding, operation, () -> readMetadata(key));
			}
			catch (RuntimeException ex) {
				if (read.stream() != null) {
					closeQuietly(read.stream());
				}
				throw ex;
			}
		}
		return (read.stream() != null) ? StoredValue.ofStream(read.stream(), metadataJson, read.expiration())
				: StoredValue.ofBytes(Objects.requireNonNull(read.bytes()), metadataJson, read.expiration());
	}

	/** One attempt at {@code GET /values/{key}}: the value's bytes or open stream, or {@code null} if missing. */
	private @Nullable ValueRead fetchValue(String key, boolean asStream) {
		String valuePath = valuePath(key);
		HttpResponse<InputStream> response = this.api.send("GET", valuePath, null, null, null, OCTET_STREAM);
		int status = response.statusCode();
		if (status < 200 || status > 299) {
			Envelope envelope = this.api.errorEnvelope(response);
			if (status == 404 && envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
				return null;
			}
			throw this.api.failure("GET", valuePath, response, envelope);
		}
		Long expiration = parseExpiration(response.headers().firstValue("expiration").orElse(null));
		InputStream body = response.body();
		if (asStream) {
			return new ValueRead(null, body, expiration);
		}
		try (body) {
			return new ValueRead(body.readAllBytes(), null, expiration);
		}
		catch (IOException ex) {
			throw new CloudflareIOException("GET " + valuePath + " failed: the connection broke while reading the "
					+ "value (" + ex.getClass().getSimpleName() + ").", status, List.of(), null, ex);
		}
	}

	/**
	 * A value read from the API.
	 * @param bytes the value, or {@code null} when {@code stream} is set
	 * @param stream the open body, or {@code null} when {@code bytes} is set
	 * @param expiration the {@code expiration} header, or {@code null}
	 */
	private record ValueRead(byte @Nullable [] bytes, @Nullable InputStream stream, @Nullable Long expiration) {
	}

	private @Nullable String readMetadata(String key) {
		String metadataPath = this.path + "/metadata/" + UrlEncoding.encode(key);
		HttpResponse<InputStream> response = this.api.send("GET", metadataPath, null, null, null, JSON);
		if (response.statusCode() == 404) {
			Envelope envelope = this.api.errorEnvelope(response);
			if (envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
				return null;
			}
			throw this.api.failure("GET", metadataPath, response, envelope);
		}
		JsonNode result = this.api.success("GET", metadataPath, response).result();
		return (result != null) ? result.toString() : null;
	}

	private Map<String, @Nullable StoredValue> bulkRead(List<String> keys, boolean withMetadata, String operation) {
		String bulkPath = this.path + "/bulk/get";
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (BulkChunks.Range range : BulkChunks.bySize(keys.size(), BulkChunks.MAX_GET_KEYS)) {
			List<String> chunk = keys.subList(range.from(), range.to());
			ObjectNode request = jsonMapper().createObjectNode();
			ArrayNode keyArray = request.putArray("keys");
			chunk.forEach(keyArray::add);
			request.put("type", "text");
			request.put("withMetadata", withMetadata);
			byte[] body = jsonMapper().writeValueAsBytes(request);
			JsonNode result = this.retrier.call(this.binding, operation,
					() -> this.api.call("POST", bulkPath, null, BodyPublishers.ofByteArray(body), JSON));
			JsonNode found = (result != null) ? result.get("values") : null;
			if (found == null || !found.isObject()) {
				throw this.api.malformed("POST", bulkPath, 200, "its result has no values object");
			}
			for (String key : chunk) {
				values.put(key, bulkValue(found.get(key), withMetadata));
			}
		}
		return values;
	}

	private static @Nullable StoredValue bulkValue(@Nullable JsonNode node, boolean withMetadata) {
		if (node == null || node.isNull()) {
			return null;
		}
		JsonNode value = node;
		JsonNode metadata = null;
		Long expiration = null;
		if (withMetadata && node.isObject()) {
			value = node.get("value");
			metadata = node.get("metadata");
			expiration = longOrNull(node.get("expiration"));
			if (value == null || value.isNull()) {
				return null;
			}
		}
		String text = value.isString() ? value.stringValue() : value.toString();
		String metadataJson = (metadata == null || metadata.isNull()) ? null : metadata.toString();
		return StoredValue.ofBytes(text.getBytes(StandardCharsets.UTF_8), metadataJson, expiration);
	}

	// ---- helpers ------------------------------------------------------------------------------

	private String valuePath(String key) {
		return this.path + "/values/" + UrlEncoding.encode(key);
	}

	private @Nullable JsonNode metadataNode(@Nullable Object metadata) {
		if (metadata == null) {
			return null;
		}
		JsonNode node;
		try {
			node = jsonMapper().valueToTree(metadata);
		}
		catch (JacksonException ex) {
			throw new InvalidMetadataException(400, "Metadata of type " + metadata.getClass().getName()
					+ " cannot be serialised to JSON: " + ex.getOriginalMessage());
		}
		if (node == null || node.isNull()) {
			return null;
		}
		KVLimits.checkMetadataJson(jsonMapper().writeValueAsString(node));
		return node;
	}

	private long serializedLength(JsonNode node) {
		CountingOutputStream counter = new CountingOutputStream();
		jsonMapper().writeValue(counter, node);
		return counter.count;
	}

	private ReadCache.Entry entry(@Nullable StoredValue value, boolean exact, boolean withMetadata) {
		if (value == null) {
			return new ReadCache.Entry(null, true, true, null, null, this.cache.now());
		}
		return new ReadCache.Entry(value.bytes(), exact, withMetadata, value.metadataJson(), value.expiration(),
				this.cache.now());
	}

	private static @Nullable Long longOrNull(@Nullable JsonNode node) {
		return (node != null && node.isNumber()) ? node.asLong() : null;
	}

	private static List<String> stringList(@Nullable JsonNode node) {
		List<String> strings = new ArrayList<>();
		if (node != null && node.isArray()) {
			for (JsonNode item : node) {
				strings.add(item.isString() ? item.stringValue() : item.toString());
			}
		}
		return strings;
	}

	private static @Nullable Long parseExpiration(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return (long) Math.floor(Double.parseDouble(header.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// the request already failed; this failure adds nothing
		}
	}

	@Override
	public String toString() {
		return "CloudflareKVNamespace[" + this.id + "]";
	}

	/** Counts bytes without keeping them. */
	private static final class CountingOutputStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

}
