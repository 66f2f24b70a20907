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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

	RestKVNamespace(ApiClient api, ReadCache cache, String id, Executor asyncExecutor) {
		super(api.jsonMapper(), api.config().clock(), asyncExecutor);
		this.api = api;
		this.cache = cache;
		this.id = id;
		this.path = api.namespacesPath() + "/" + UrlEncoding.encode(id);
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
			value = bulkRead(List.of(key), true).get(key);
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
		List<String> missing = new ArrayList<>(keys.size());
		for (String key : keys) {
			ReadCache.Entry entry = (cacheTtl != null) ? this.cache.get(this.id, key, cacheTtl) : null;
			if (entry != null && entry.serves(false, withMetadata)) {
				cached.put(key, entry.toStoredValue());
			}
			else {
				missing.add(key);
			}
		}
		long epoch = this.cache.epoch();
		Map<String, @Nullable StoredValue> fetched = missing.isEmpty() ? Map.of() : bulkRead(missing, withMetadata);
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (String key : keys) {
			if (cached.containsKey(key)) {
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
		String valuePath = valuePath(key);
		ApiClient.Query query = ApiClient.query().add("expiration", expiration).add("expiration_ttl", expirationTtl);
		Multipart multipart = (metadataJson != null) ? new Multipart() : null;
		TrackingInputStream stream = (value.stream() != null) ? new TrackingInputStream(value.stream()) : null;
		BodyPublisher body;
		if (stream != null) {
			body = (multipart != null) ? multipart.body(stream, metadataJson)
					: BodyPublishers.ofInputStream(() -> stream);
		}
		else {
			byte[] bytes = Objects.requireNonNull(value.bytes());
			body = (multipart != null) ? multipart.body(bytes, metadataJson) : BodyPublishers.ofByteArray(bytes);
		}
		this.cache.invalidate(this.id, key);
		try {
			this.api.call("PUT", valuePath, query, body, (multipart != null) ? multipart.contentType() : OCTET_STREAM);
		}
		catch (RuntimeException ex) {
			if (stream != null) {
				stream.rethrowFailure();
			}
			throw ex;
		}
		finally {
			this.cache.invalidate(this.id, key);
		}
		if (stream != null) {
			stream.rethrowFailure();
		}
	}

	@Override
	protected void remove(String key) {
		String valuePath = valuePath(key);
		this.cache.invalidate(this.id, key);
		try {
			HttpResponse<InputStream> response = this.api.send("DELETE", valuePath, null, null, null, JSON);
			if (response.statusCode() == 404) {
				Envelope envelope = this.api.errorEnvelope(response);
				if (!envelope.hasCode(Envelope.KEY_NOT_FOUND)) {
					throw this.api.failure("DELETE", valuePath, response, envelope);
				}
				return;
			}
			this.api.success("DELETE", valuePath, response);
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
		Envelope envelope = this.api.exchange("GET", keysPath, query, null, null);
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
		return sendInChunks("PUT", this.path + "/bulk", "Bulk put", items, keys);
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
		return sendInChunks("POST", this.path + "/bulk/delete", "Bulk delete", items, List.copyOf(keys));
	}

	private BulkResult sendInChunks(String method, String bulkPath, String what, List<JsonNode> items,
			List<String> keys) {
		long[] sizes = new long[items.size()];
		for (int i = 0; i < sizes.length; i++) {
			sizes[i] = serializedLength(items.get(i));
		}
		List<BulkChunks.Range> ranges;
		try {
			ranges = BulkChunks.plan(sizes, BulkChunks.MAX_ITEMS, BulkChunks.MAX_BODY_BYTES);
		}
		catch (IllegalArgumentException ex) {
			throw new ValueTooLargeException(413, what + ": " + ex.getMessage() + ".");
		}
		long successful = 0;
		List<String> unsuccessful = new ArrayList<>();
		List<CloudflareKVException> failures = new ArrayList<>();
		for (BulkChunks.Range range : ranges) {
			List<String> chunkKeys = keys.subList(range.from(), range.to());
			ArrayNode body = jsonMapper().createArrayNode();
			items.subList(range.from(), range.to()).forEach(body::add);
			chunkKeys.forEach((key) -> this.cache.invalidate(this.id, key));
			try {
				HttpResponse<InputStream> response = this.api.send(method, bulkPath, null,
						BodyPublishers.ofByteArray(jsonMapper().writeValueAsBytes(body)), JSON, JSON);
				JsonNode result;
				if (response.statusCode() >= 200 && response.statusCode() <= 299) {
					result = this.api.success(method, bulkPath, response).result();
				}
				else {
					Envelope envelope = this.api.errorEnvelope(response);
					failures.add(this.api.failure(method, bulkPath, response, envelope));
					result = envelope.result();
					if (result == null || !result.has("unsuccessful_keys")) {
						unsuccessful.addAll(chunkKeys);
						continue;
					}
				}
				List<String> notWritten = stringList((result != null) ? result.get("unsuccessful_keys") : null);
				Long count = (result != null) ? longOrNull(result.get("successful_key_count")) : null;
				successful += (count != null) ? count : range.size() - notWritten.size();
				unsuccessful.addAll(notWritten);
			}
			catch (CloudflareKVException ex) {
				failures.add(ex);
				unsuccessful.addAll(chunkKeys);
			}
			finally {
				chunkKeys.forEach((key) -> this.cache.invalidate(this.id, key));
			}
		}
		BulkResult result = new BulkResult(successful, unsuccessful);
		if (!failures.isEmpty()) {
			throw new CloudflareBulkException(what + " in namespace " + this.id + ": " + failures.size() + " of "
					+ ranges.size() + " requests failed and " + unsuccessful.size()
					+ " keys are unconfirmed (see result().unsuccessfulKeys()); first failure: "
					+ failures.get(0).getMessage(), result, failures);
		}
		return result;
	}

	// ---- requests -----------------------------------------------------------------------------

	private @Nullable StoredValue readValue(String key, boolean withMetadata, boolean asStream) {
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
		try {
			if (asStream) {
				String metadataJson = withMetadata ? readMetadata(key) : null;
				return StoredValue.ofStream(body, metadataJson, expiration);
			}
			byte[] bytes;
			try (body) {
				bytes = body.readAllBytes();
			}
			catch (IOException ex) {
				throw new CloudflareIOException("GET " + valuePath + " failed: the connection broke while reading the "
						+ "value (" + ex.getClass().getSimpleName() + ").", status, List.of(), null, ex);
			}
			return StoredValue.ofBytes(bytes, withMetadata ? readMetadata(key) : null, expiration);
		}
		catch (RuntimeException ex) {
			closeQuietly(body);
			throw ex;
		}
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

	private Map<String, @Nullable StoredValue> bulkRead(List<String> keys, boolean withMetadata) {
		String bulkPath = this.path + "/bulk/get";
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (BulkChunks.Range range : BulkChunks.bySize(keys.size(), BulkChunks.MAX_GET_KEYS)) {
			List<String> chunk = keys.subList(range.from(), range.to());
			ObjectNode request = jsonMapper().createObjectNode();
			ArrayNode keyArray = request.putArray("keys");
			chunk.forEach(keyArray::add);
			request.put("type", "text");
			request.put("withMetadata", withMetadata);
			JsonNode result = this.api.call("POST", bulkPath, null,
					BodyPublishers.ofByteArray(jsonMapper().writeValueAsBytes(request)), JSON);
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
