package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVStorageException;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The single-key endpoints and the key list: {@code GET/PUT/DELETE /values/{key}},
 * {@code GET /metadata/{key}} and {@code GET /keys}.
 *
 * <p>A PUT body is the value verbatim, whatever its {@code Content-Type}, unless it is
 * {@code multipart/form-data}; then the part {@code value} is the value and the optional part
 * {@code metadata} holds the metadata as JSON text. {@code expiration_ttl} beats {@code expiration}.
 */
final class ValueEndpoints {

	/** Room for the boundaries, part headers and metadata around a value in a multipart body. */
	private static final long MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

	private static final int MIN_REST_LIST_LIMIT = 10;

	private final LocalKVStore store;

	private final NamespaceEndpoints namespaces;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final @Nullable WriteRateLimiter writeRate;

	ValueEndpoints(LocalKVStore store, NamespaceEndpoints namespaces, JsonMapper jsonMapper, Clock clock,
			@Nullable WriteRateLimiter writeRate) {
		this.store = store;
		this.namespaces = namespaces;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.writeRate = writeRate;
	}

	Reply getValue(ApiRoute route) {
		KVNamespace namespace = namespace(route);
		ValueWithMetadata<byte[]> value = namespace.getWithMetadata(route.key(), ValueType.bytes(),
				GetOptions.defaults());
		if (value == null) {
			throw ApiException.keyNotFound("get");
		}
		return new Reply.Value(value.value(), value.expiration());
	}

	Reply getMetadata(ApiRoute route) {
		KVNamespace namespace = namespace(route);
		ValueWithMetadata<byte[]> value = namespace.getWithMetadata(route.key(), ValueType.bytes(),
				GetOptions.defaults());
		if (value == null) {
			throw ApiException.keyNotFound("metadata");
		}
		return Reply.ok(value.metadata());
	}

	Reply put(ApiRoute route, Exchange exchange) {
		KVNamespace namespace = namespace(route);
		String key = route.key();
		KVLimits.checkKey(key);
		PutOptions options = expirationOptions(exchange);
		WriteRateLimiter.@Nullable Grant grant = (this.writeRate != null) ? this.writeRate.acquire(route.namespace(), key) : null;
		try {
			if (exchange.isMultipart()) {
				putMultipart(namespace, key, options, exchange);
			}
			else {
				long length = exchange.contentLength();
				if (length >= 0) {
					KVLimits.checkValueLength(length);
				}
				namespace.put(key, exchange.bodyStream(), options);
			}
		}
		catch (KVStorageException ex) {
			release(grant);
			if (ex.getCause() instanceof IOException) {
				throw ApiException.badRequest("The request body broke off before its end: " + ex.getCause().getMessage());
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			release(grant);
			throw ex;
		}
		return Reply.ok(Map.of());
	}

	private void release(WriteRateLimiter.@Nullable Grant grant) {
		if (grant != null && this.writeRate != null) {
			this.writeRate.release(grant);
		}
	}

	Reply delete(ApiRoute route) {
		KVNamespace namespace = namespace(route);
		String key = route.key();
		KVLimits.checkKey(key);
		if (this.writeRate != null) {
			this.writeRate.acquire(route.namespace(), key);
		}
		namespace.delete(key);
		return Reply.ok(Map.of());
	}

	Reply listKeys(ApiRoute route, Exchange exchange) {
		KVNamespace namespace = namespace(route);
		int limit = KVLimits.MAX_LIST_LIMIT;
		String limitText = exchange.query("limit");
		if (limitText != null && !limitText.isEmpty()) {
			limit = listLimit(limitText);
		}
		ListResult page = namespace.list(ListOptions.defaults()
			.withPrefix(exchange.query("prefix"))
			.withLimit(limit)
			.withCursor(exchange.query("cursor")));
		List<Wire.Key> keys = page.keys()
			.stream()
			.map((KVKey key) -> new Wire.Key(key.name(), key.expiration(), key.metadata()))
			.toList();
		String cursor = (page.listComplete() || page.cursor() == null) ? "" : page.cursor();
		return Reply.ok(keys, new Wire.CursorInfo(keys.size(), cursor));
	}

	private KVNamespace namespace(ApiRoute route) {
		this.namespaces.require(route.namespace());
		return this.store.namespace(route.namespace());
	}

	private void putMultipart(KVNamespace namespace, String key, PutOptions options, Exchange exchange) {
		MultiPartFormData.Parts parts;
		try {
			parts = exchange.multipart(KVLimits.MAX_VALUE_BYTES, KVLimits.MAX_VALUE_BYTES + MULTIPART_OVERHEAD_BYTES);
		}
		catch (Exchange.PartTooLargeException ex) {
			throw new ApiException(413, ErrorCodes.VALUE_TOO_LARGE, "Value length of at least "
					+ (KVLimits.MAX_VALUE_BYTES + 1) + " exceeds limit of " + KVLimits.MAX_VALUE_BYTES + ".");
		}
		try (parts) {
			MultiPart.Part value = null;
			MultiPart.Part metadata = null;
			for (MultiPart.Part part : parts) {
				String name = String.valueOf(part.getName());
				if (name.startsWith("metadata[")) {
					throw new ApiException(400, ErrorCodes.INVALID_METADATA, "The multipart field '" + name
							+ "' looks like metadata flattened into form fields. Send metadata as one part named"
							+ " 'metadata' holding JSON text (with the cloudflare SDK: metadata: JSON.stringify(...)).");
				}
				if (name.equals("value") && value == null) {
					value = part;
				}
				else if (name.equals("metadata") && metadata == null) {
					metadata = part;
				}
			}
			if (value == null) {
				throw ApiException.badRequest(
						"multipart put request does not contain required form field 'value'");
			}
			byte[] bytes = bytes(value, "value");
			KVLimits.checkValueLength(bytes.length);
			PutOptions withMetadata = (metadata != null) ? options.withMetadata(metadata(metadata)) : options;
			namespace.put(key, bytes, withMetadata);
		}
	}

	private @Nullable JsonNode metadata(MultiPart.Part part) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes(part, "metadata")))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ApiException(400, ErrorCodes.INVALID_KEY,
					"The multipart field 'metadata' is not valid UTF-8; it must hold the metadata as JSON text.");
		}
		try {
			JsonNode metadata = this.jsonMapper.readTree(text);
			return (metadata == null || metadata.isNull() || metadata.isMissingNode()) ? null : metadata;
		}
		catch (JacksonException ex) {
			throw new ApiException(400, ErrorCodes.INVALID_METADATA,
					"Invalid metadata JSON in the 'metadata' part: " + ex.getOriginalMessage());
		}
	}

	private static byte[] bytes(MultiPart.Part part, String name) {
		try {
			ByteBuffer buffer = Content.Source.asByteBuffer(part.createContentSource());
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (IOException ex) {
			throw ApiException.badRequest("Could not read the '" + name + "' part: " + ex.getMessage());
		}
	}

	private PutOptions expirationOptions(Exchange exchange) {
		Long ttl = ExpirationField.TTL.read(exchange.query(ExpirationField.TTL.fieldName()));
		if (ttl != null) {
			return PutOptions.none().withExpirationTtl(ttl);
		}
		Long expiration = ExpirationField.EXPIRATION.read(exchange.query(ExpirationField.EXPIRATION.fieldName()));
		if (expiration != null) {
			KVLimits.checkExpiration(expiration, this.clock.instant().getEpochSecond());
			return PutOptions.none().withExpiration(expiration);
		}
		return PutOptions.none();
	}

	private static int listLimit(String text) {
		DecimalInteger limit = DecimalInteger.parse(text);
		if (!limit.isInteger() || limit.value() < MIN_REST_LIST_LIMIT || limit.value() > KVLimits.MAX_LIST_LIMIT) {
			throw new ApiException(400, ErrorCodes.INVALID_LIST_OPTIONS, "Invalid limit of " + Excerpt.of(text)
					+ ". The REST API lists " + MIN_REST_LIST_LIMIT + " to " + KVLimits.MAX_LIST_LIMIT + " keys per page.");
		}
		return (int) limit.value();
	}

}
