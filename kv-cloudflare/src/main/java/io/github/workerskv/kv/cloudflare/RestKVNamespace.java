package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVOperation;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.internal.AbstractKVNamespace;
import io.github.workerskv.kv.internal.BulkDeleteRequest;
import io.github.workerskv.kv.internal.BulkReadRequest;
import io.github.workerskv.kv.internal.BulkWriteRequest;
import io.github.workerskv.kv.internal.CallTrace;
import io.github.workerskv.kv.internal.DeleteRequest;
import io.github.workerskv.kv.internal.ListRequest;
import io.github.workerskv.kv.internal.NamespaceSettings;
import io.github.workerskv.kv.internal.ReadRequest;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import io.github.workerskv.kv.internal.WriteRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A namespace over the REST API. {@link AbstractKVNamespace} checks every limit and decodes values; this
 * class turns each request value into the API's requests, as {@link CloudflareKVNamespace} describes, keeps
 * the read cache, and hands writes to the pacer when pacing is on.
 */
final class RestKVNamespace extends AbstractKVNamespace implements CloudflareKVNamespace {

	private final RestContext context;

	private final String path;

	private final BulkSender bulk;

	private final CloudflareKVNamespace withoutRetries;

	RestKVNamespace(RestContext context, NamespaceSettings settings) {
		this(context, settings, null);
	}

	/**
	 * @param context what the client's namespaces share
	 * @param settings id, name, mapper, clock, executor and listener
	 * @param retried the namespace this one is the single-attempt view of, or {@code null} for a namespace
	 * of the client (whose view is then created here)
	 */
	private RestKVNamespace(RestContext context, NamespaceSettings settings, @Nullable RestKVNamespace retried) {
		super(settings);
		this.context = context;
		this.path = context.namespacesPath() + "/" + UrlEncoding.encode(settings.id());
		this.bulk = new BulkSender(context, settings.id());
		this.withoutRetries = (retried != null) ? this : new RestKVNamespace(context.withoutRetries(), settings, this);
	}

	@Override
	public CloudflareKVNamespace withoutRetries() {
		return this.withoutRetries;
	}

	// ---- reads --------------------------------------------------------------------------------

	@Override
	protected @Nullable StoredValue read(ReadRequest request) {
		String key = request.key();
		PacedValue paced = pacedValue(key);
		if (paced != null) {
			return paced.value();
		}
		boolean textual = request.textual();
		boolean withMetadata = request.withMetadata();
		Duration cacheTtl = this.context.cache().enabled() ? request.options().cacheTtl() : null;
		if (cacheTtl != null) {
			ReadCache.Entry entry = this.context.cache().get(id(), key, cacheTtl);
			if (entry != null && entry.serves(!textual, withMetadata)) {
				return entry.toStoredValue();
			}
		}
		long epoch = this.context.cache().epoch();
		Call call = call(request.operation(), request.trace());
		StoredValue value = (withMetadata && textual) ? bulkRead(List.of(key), true, call).get(key)
				: readValue(key, withMetadata, request.preferStream(), call);
		if (cacheTtl != null && (value == null || value.bytes() != null)) {
			this.context.cache().put(id(), key, entry(value, !(withMetadata && textual), withMetadata), epoch);
		}
		return value;
	}

	@Override
	protected Map<String, @Nullable StoredValue> readMany(BulkReadRequest request) {
		boolean withMetadata = request.withMetadata();
		Duration cacheTtl = this.context.cache().enabled() ? request.options().cacheTtl() : null;
		Map<String, @Nullable StoredValue> known = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>(request.keys().size());
		for (String key : request.keys()) {
			PacedValue pending = pacedValue(key);
			ReadCache.Entry entry = (cacheTtl != null) ? this.context.cache().get(id(), key, cacheTtl) : null;
			if (pending != null) {
				known.put(key, pending.value());
			}
			else if (entry != null && entry.serves(false, withMetadata)) {
				known.put(key, entry.toStoredValue());
			}
			else {
				missing.add(key);
			}
		}
		long epoch = this.context.cache().epoch();
		Map<String, @Nullable StoredValue> fetched = missing.isEmpty() ? Map.of()
				: bulkRead(missing, withMetadata, call(KVOperation.GET_BULK, request.trace()));
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (String key : request.keys()) {
			if (known.containsKey(key)) {
				values.put(key, known.get(key));
			}
			else {
				StoredValue value = fetched.get(key);
				if (cacheTtl != null) {
					this.context.cache().put(id(), key, entry(value, false, withMetadata), epoch);
				}
				values.put(key, value);
			}
		}
		return values;
	}

	/** Reads a value with {@code GET /values/{key}}, and its metadata with {@code GET /metadata/{key}}. */
	private @Nullable StoredValue readValue(String key, boolean withMetadata, boolean asStream, Call call) {
		String valuePath = valuePath(key);
		ApiResponse response = this.context.transport()
			.send(ApiRequest.of("GET", valuePath, call).streamingResponse().allowingMissing());
		InputStream body = response.body();
		if (body == null) {
			return null;
		}
		String metadataJson = null;
		if (withMetadata) {
			try {
				metadataJson = readMetadata(key, call);
			}
			catch (RuntimeException ex) {
				closeQuietly(body);
				throw ex;
			}
		}
		if (asStream) {
			return StoredValue.ofStream(body, metadataJson, response.expiration());
		}
		try (body) {
			return StoredValue.ofBytes(body.readAllBytes(), metadataJson, response.expiration());
		}
		catch (IOException ex) {
			throw new CloudflareIOException("GET " + valuePath + " failed: the connection broke while reading the "
					+ "value (" + ex.getClass().getSimpleName() + ").", response.status(), List.of(), null, ex);
		}
	}

	private @Nullable String readMetadata(String key, Call call) {
		String metadataPath = this.path + "/metadata/" + UrlEncoding.encode(key);
		ApiResponse response = this.context.transport().send(ApiRequest.of("GET", metadataPath, call).allowingMissing());
		if (response.isMissing()) {
			return null;
		}
		JsonNode result = response.requireEnvelope().result();
		return (result != null) ? result.toString() : null;
	}

	/** Reads up to 100 keys per {@code POST /bulk/get}, as text, with or without metadata. */
	private Map<String, @Nullable StoredValue> bulkRead(List<String> keys, boolean withMetadata, Call call) {
		String bulkPath = this.path + "/bulk/get";
		Map<String, @Nullable StoredValue> values = new LinkedHashMap<>();
		for (BulkChunks.Range range : BulkChunks.bySize(keys.size(), BulkChunks.MAX_GET_KEYS)) {
			List<String> chunk = keys.subList(range.from(), range.to());
			ObjectNode request = jsonMapper().createObjectNode();
			ArrayNode keyArray = request.putArray("keys");
			chunk.forEach(keyArray::add);
			request.put("type", "text");
			request.put("withMetadata", withMetadata);
			JsonNode result = sendChecked(
					ApiRequest.of("POST", bulkPath, call).withBody(RequestBody.json(jsonMapper().writeValueAsBytes(request))),
					InvalidBulkGetException::new)
				.requireEnvelope()
				.result();
			JsonNode found = (result != null) ? result.get("values") : null;
			if (found == null || !found.isObject()) {
				throw this.context.failures().malformed("POST " + bulkPath, 200, "its result has no values object");
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
			expiration = BulkSender.longOrNull(node.get("expiration"));
			if (value == null || value.isNull()) {
				return null;
			}
		}
		String text = value.isString() ? value.stringValue() : value.toString();
		String metadataJson = (metadata == null || metadata.isNull()) ? null : metadata.toString();
		return StoredValue.ofBytes(text.getBytes(StandardCharsets.UTF_8), metadataJson, expiration);
	}

	// ---- list ---------------------------------------------------------------------------------

	@Override
	protected ListResult listKeys(ListRequest request) {
		ListOptions options = request.options();
		ListPaging.Position position = ListPaging.parse(options.cursor());
		String keysPath = this.path + "/keys";
		Query query = Query.empty()
			.add("limit", ListPaging.requestLimit(options.limit()))
			.add("prefix", options.prefix())
			.add("cursor", position.serverCursor());
		Envelope envelope = sendChecked(
				ApiRequest.of("GET", keysPath, call(KVOperation.LIST, request.trace())).withQuery(query),
				InvalidListOptionsException::new)
			.requireEnvelope();
		JsonNode result = envelope.result();
		if (result == null || !result.isArray()) {
			throw this.context.failures().malformed("GET " + keysPath, 200, "its result is not an array of keys");
		}
		List<KVKey> keys = new ArrayList<>(result.size());
		for (JsonNode item : result) {
			JsonNode name = item.get("name");
			if (name == null || !name.isString()) {
				throw this.context.failures().malformed("GET " + keysPath, 200, "a key of its result has no name");
			}
			JsonNode metadata = item.get("metadata");
			keys.add(new KVKey(name.stringValue(), BulkSender.longOrNull(item.get("expiration")),
					(metadata == null || metadata.isNull() || metadata.isMissingNode()) ? null : metadata));
		}
		JsonNode info = envelope.resultInfo();
		JsonNode cursor = (info != null) ? info.get("cursor") : null;
		String next = (cursor != null && cursor.isString()) ? cursor.stringValue() : null;
		return ListPaging.page(position, keys, next, options.limit());
	}

	// ---- writes -------------------------------------------------------------------------------

	@Override
	protected void write(WriteRequest request) {
		WritePacer pacer = this.context.pacer();
		if (pacer == null) {
			sendWrite(request);
			return;
		}
		WriteRequest buffered = request;
		if (request.value().bytes() == null) {
			WritePacer.Write streamed = new WritePacer.Write(id(), name(), request.key(), "put", null, () -> {
			});
			if (pacer.tryBegin(streamed)) {
				RuntimeException failure = null;
				try {
					sendWrite(request);
				}
				catch (RuntimeException ex) {
					failure = ex;
					throw ex;
				}
				finally {
					pacer.end(streamed, failure);
				}
				return;
			}
			buffered = request.withValue(ValueSource.of(request.value().readAllBytes()));
		}
		pacer.submit(pacedPut(buffered), true);
	}

	@Override
	protected CompletableFuture<Void> writeAsync(WriteRequest request) {
		WritePacer pacer = this.context.pacer();
		if (pacer == null) {
			return super.writeAsync(request);
		}
		return pacer.submit(pacedPut(request.withValue(ValueSource.of(request.value().readAllBytes()))), false);
	}

	@Override
	protected void remove(DeleteRequest request) {
		WritePacer pacer = this.context.pacer();
		if (pacer == null) {
			sendRemove(request);
			return;
		}
		pacer.submit(pacedDelete(request), true);
	}

	@Override
	protected CompletableFuture<Void> removeAsync(DeleteRequest request) {
		WritePacer pacer = this.context.pacer();
		if (pacer == null) {
			return super.removeAsync(request);
		}
		return pacer.submit(pacedDelete(request), false);
	}

	@Override
	public void flush() {
		WritePacer pacer = this.context.pacer();
		if (pacer != null) {
			pacer.flush(id(), this.context.flushTimeout());
		}
	}

	private WritePacer.Write pacedPut(WriteRequest request) {
		byte[] bytes = Objects.requireNonNull(request.value().bytes());
		StoredValue pending = StoredValue.ofBytes(bytes, request.metadataJson(), request.expiresAt(nowSeconds()));
		return new WritePacer.Write(id(), name(), request.key(), "put", pending, () -> sendWrite(request));
	}

	private WritePacer.Write pacedDelete(DeleteRequest request) {
		return new WritePacer.Write(id(), name(), request.key(), "delete", null, () -> sendRemove(request));
	}

	/**
	 * The value a read must see because of a paced write not known to be applied yet.
	 * @param key the key
	 * @return the pending (or in flight) write's value, {@code null} inside for a delete; {@code null} if
	 * there is no such write or its value is not known (a streamed one)
	 */
	private @Nullable PacedValue pacedValue(String key) {
		WritePacer pacer = this.context.pacer();
		WritePacer.Write latest = (pacer != null) ? pacer.latest(id(), key) : null;
		if (latest == null) {
			return null;
		}
		if (latest.delete()) {
			return new PacedValue(null);
		}
		return (latest.value() != null) ? new PacedValue(latest.value()) : null;
	}

	/** A paced write's value: the value, or {@code null} for a deleted key. */
	private record PacedValue(@Nullable StoredValue value) {
	}

	/** Sends a value write: retried when the value is bytes, once when it is the caller's stream. */
	private void sendWrite(WriteRequest request) {
		String key = request.key();
		Query query = Query.empty().add("expiration", request.expiration()).add("expiration_ttl", request.expirationTtl());
		String metadataJson = request.metadataJson();
		Multipart multipart = (metadataJson != null) ? new Multipart(metadataJson) : null;
		ApiRequest put = ApiRequest.of("PUT", valuePath(key), call(KVOperation.PUT, request.trace())).withQuery(query);
		this.context.cache().invalidate(id(), key);
		try {
			byte[] bytes = request.value().bytes();
			if (bytes != null) {
				this.context.transport()
					.send(put.withBody((multipart != null) ? multipart.body(bytes) : RequestBody.bytes(bytes, RequestBody.OCTET_STREAM)));
				return;
			}
			TrackingInputStream stream = new TrackingInputStream(Objects.requireNonNull(request.value().stream()));
			RequestBody body = (multipart != null) ? multipart.body(stream) : RequestBody.once(stream, RequestBody.OCTET_STREAM);
			try {
				this.context.transport().send(put.withBody(body));
			}
			catch (RuntimeException ex) {
				stream.rethrowFailure();
				throw ex;
			}
			stream.rethrowFailure();
		}
		finally {
			this.context.cache().invalidate(id(), key);
		}
	}

	/** Sends a delete; a key that is already gone is not an error. */
	private void sendRemove(DeleteRequest request) {
		this.context.cache().invalidate(id(), request.key());
		try {
			this.context.transport()
				.send(ApiRequest.of("DELETE", valuePath(request.key()), call(KVOperation.DELETE, request.trace()))
					.allowingMissing());
		}
		finally {
			this.context.cache().invalidate(id(), request.key());
		}
	}

	// ---- bulk writes --------------------------------------------------------------------------

	@Override
	protected BulkResult writeMany(BulkWriteRequest request) {
		List<String> keys = new ArrayList<>(request.items().size());
		for (BulkWriteRequest.Item item : request.items()) {
			keys.add(item.key());
		}
		BulkItems items = this.bulk.check(BulkItems.writes(jsonMapper(), keys, request.items()), "Bulk put");
		return paced(KVOperation.BULK_PUT, keys, () -> this.bulk.send(
				ApiRequest.of("PUT", this.path + "/bulk", call(KVOperation.BULK_PUT, request.trace())), "Bulk put", items,
				request.options().progress()));
	}

	@Override
	protected BulkResult removeMany(BulkDeleteRequest request) {
		BulkItems items = this.bulk.check(BulkItems.deletes(jsonMapper(), request.keys()), "Bulk delete");
		return paced(KVOperation.BULK_DELETE, request.keys(), () -> this.bulk.send(
				ApiRequest.of("POST", this.path + "/bulk/delete", call(KVOperation.BULK_DELETE, request.trace())),
				"Bulk delete", items, request.options().progress()));
	}

	/** Runs a bulk call that replaces the pending paced writes of its keys, and settles those writes by it. */
	private BulkResult paced(KVOperation operation, List<String> keys, Supplier<BulkResult> call) {
		WritePacer pacer = this.context.pacer();
		if (pacer == null) {
			return call.get();
		}
		Map<String, List<WritePacer.Waiter>> superseded = pacer.supersede(id(), keys, name(), operation.tagValue());
		if (superseded.isEmpty()) {
			return call.get();
		}
		BulkResult result;
		try {
			result = call.get();
		}
		catch (CloudflareBulkException ex) {
			pacer.settle(id(), name(), operation.tagValue(), superseded, Set.copyOf(ex.result().unsuccessfulKeys()), ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			pacer.settle(id(), name(), operation.tagValue(), superseded, superseded.keySet(), ex);
			throw ex;
		}
		pacer.settle(id(), name(), operation.tagValue(), superseded, Set.copyOf(result.unsuccessfulKeys()),
				new IllegalStateException("The bulk call did not confirm the key (unsuccessful_keys)"));
		return result;
	}

	// ---- REST only ----------------------------------------------------------------------------

	@Override
	public NamespaceInfo info() {
		JsonNode result = this.context.transport()
			.send(ApiRequest.of("GET", this.path, new Call(name(), Call.NAMESPACES, Call.Kind.READ, new CallTrace())))
			.requireEnvelope()
			.result();
		return NamespaceInfos.of(result, "GET " + this.path, this.context.failures());
	}

	// ---- helpers ------------------------------------------------------------------------------

	/**
	 * Sends a request that only the server can check in full (a list with a server cursor, which the client
	 * cannot read; a bulk get, whose values' total size only the server knows): its rejection of the input
	 * (a {@link CloudflareBadRequestException}) becomes the exception the embedded store throws for the same
	 * input, with the server's message, and the server's answer as the cause.
	 */
	private ApiResponse sendChecked(ApiRequest request, BiFunction<Integer, String, KVValidationException> invalid) {
		try {
			return this.context.transport().send(request);
		}
		catch (CloudflareBadRequestException ex) {
			String message = ex.errors().isEmpty() ? ex.getMessage() : ex.errors().get(0).message();
			KVValidationException validation = invalid.apply(ex.httpStatus(), message);
			validation.initCause(ex);
			throw validation;
		}
	}

	private Call call(KVOperation operation, CallTrace trace) {
		boolean writes = operation == KVOperation.PUT || operation == KVOperation.DELETE
				|| operation == KVOperation.BULK_PUT || operation == KVOperation.BULK_DELETE;
		return new Call(name(), operation.tagValue(), writes ? Call.Kind.WRITE : Call.Kind.READ, trace);
	}

	private String valuePath(String key) {
		return this.path + "/values/" + UrlEncoding.encode(key);
	}

	private ReadCache.Entry entry(@Nullable StoredValue value, boolean exact, boolean withMetadata) {
		if (value == null) {
			return new ReadCache.Entry(null, true, true, null, null, this.context.cache().now());
		}
		return new ReadCache.Entry(value.bytes(), exact, withMetadata, value.metadataJson(), value.expiration(),
				this.context.cache().now());
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
		return "CloudflareKVNamespace[" + id() + "]";
	}

}
