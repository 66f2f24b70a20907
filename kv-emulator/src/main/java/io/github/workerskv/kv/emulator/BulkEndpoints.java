package io.github.workerskv.kv.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code PUT /bulk} (write), {@code POST /bulk/delete} and {@code DELETE /bulk} (delete, the latter
 * is the deprecated form wrangler uses) and {@code POST /bulk/get}.
 *
 * <p>A bulk write or delete is checked as a whole before anything is written: one invalid item
 * rejects the request with the item's number in the message. Keys that {@link Faults} marks as
 * failing, or that break the write rate, are reported in {@code unsuccessful_keys} and left untouched.
 */
final class BulkEndpoints {

	/** Most items in one bulk write or delete. */
	static final int MAX_BULK_ITEMS = 10_000;

	/**
	 * Largest body of a bulk write or delete: the documented "100 MB", read strictly as decimal
	 * megabytes, so that a client that passes here cannot be refused by the real API for size.
	 */
	static final long MAX_BULK_BODY_BYTES = 100_000_000L;

	private static final long MAX_BULK_GET_BODY_BYTES = 1024 * 1024;

	private final LocalKVStore store;

	private final NamespaceEndpoints namespaces;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final Faults faults;

	private final @Nullable WriteRateLimiter writeRate;

	BulkEndpoints(LocalKVStore store, NamespaceEndpoints namespaces, JsonMapper jsonMapper, Clock clock,
			Faults faults, @Nullable WriteRateLimiter writeRate) {
		this.store = store;
		this.namespaces = namespaces;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.faults = faults;
		this.writeRate = writeRate;
	}

	Reply write(ApiRoute route, Exchange exchange) {
		KVNamespace namespace = namespace(route);
		JsonNode body = JsonBodies.parse(this.jsonMapper, exchange.readBody(MAX_BULK_BODY_BYTES, "A bulk request"),
				"a JSON array of {key, value, ...}");
		List<Item> items = new ArrayList<>();
		for (JsonNode node : array(body, "a JSON array of {key, value, ...}")) {
			items.add(item(node, items.size()));
		}
		int successful = 0;
		List<String> unsuccessful = new ArrayList<>();
		for (Item item : items) {
			if (!mayWrite(route, item.key())) {
				unsuccessful.add(item.key());
				continue;
			}
			namespace.put(item.key(), item.value(), item.options());
			successful++;
		}
		return Reply.ok(new Wire.BulkResult(successful, unsuccessful));
	}

	Reply delete(ApiRoute route, Exchange exchange) {
		KVNamespace namespace = namespace(route);
		JsonNode body = JsonBodies.parse(this.jsonMapper, exchange.readBody(MAX_BULK_BODY_BYTES, "A bulk request"),
				"a JSON array of key names");
		List<String> keys = new ArrayList<>();
		for (JsonNode node : array(body, "a JSON array of key names")) {
			if (!node.isString()) {
				throw ApiException.badRequest("Item " + keys.size() + " of the bulk delete must be a key name"
						+ " (a JSON string) but is " + node.getNodeType() + ".");
			}
			String key = node.asString();
			checked(keys.size(), () -> KVLimits.checkKey(key));
			keys.add(key);
		}
		int successful = 0;
		List<String> unsuccessful = new ArrayList<>();
		for (String key : keys) {
			if (!mayWrite(route, key)) {
				unsuccessful.add(key);
				continue;
			}
			namespace.delete(key);
			successful++;
		}
		return Reply.ok(new Wire.BulkResult(successful, unsuccessful));
	}

	Reply get(ApiRoute route, Exchange exchange) {
		KVNamespace namespace = namespace(route);
		JsonNode body = JsonBodies.parse(this.jsonMapper,
				exchange.readBody(MAX_BULK_GET_BODY_BYTES, "A bulk get request"), "a JSON object {\"keys\": [...]}");
		if (!body.isObject() || body.get("keys") == null || !body.get("keys").isArray()) {
			throw ApiException.badRequest("The bulk get body must be a JSON object with an array 'keys'.");
		}
		List<String> keys = new ArrayList<>();
		for (JsonNode key : body.get("keys")) {
			if (!key.isString()) {
				throw ApiException.badRequest("Every entry of 'keys' must be a key name (a JSON string), but entry "
						+ keys.size() + " is " + key.getNodeType() + ".");
			}
			keys.add(key.asString());
		}
		ValueType<?> type = type(body.get("type"));
		boolean withMetadata = JsonBodies.optionalBoolean(body, "withMetadata", "The bulk get");
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		if (withMetadata) {
			Map<String, ? extends @Nullable ValueWithMetadata<?>> read = namespace.getWithMetadata(keys, type,
					GetOptions.defaults());
			read.forEach((key, value) -> values.put(key, (value != null)
					? new Wire.ValueWithMetadata(value.value(), value.metadata(), value.expiration()) : null));
		}
		else {
			values.putAll(namespace.get(keys, type, GetOptions.defaults()));
		}
		return Reply.ok(new Wire.BulkValues(values));
	}

	private KVNamespace namespace(ApiRoute route) {
		this.namespaces.require(route.namespace());
		return this.store.namespace(route.namespace());
	}

	private boolean mayWrite(ApiRoute route, String key) {
		if (this.faults.failsBulkKey(key)) {
			return false;
		}
		return this.writeRate == null || this.writeRate.tryAcquire(route.namespace(), key);
	}

	private Item item(JsonNode node, int index) {
		String where = "Item " + index + " of the bulk write";
		if (!node.isObject()) {
			throw ApiException.badRequest(where + " must be an object {key, value, ...} but is "
					+ node.getNodeType() + ".");
		}
		String key = JsonBodies.requireString(node, "key", where);
		String text = JsonBodies.requireString(node, "value", where);
		boolean base64 = JsonBodies.optionalBoolean(node, "base64", where);
		byte[] value;
		if (base64) {
			try {
				value = Base64.getDecoder().decode(text);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.badRequest(where + ": 'value' is not valid base64 although 'base64' is true.");
			}
		}
		else {
			value = text.getBytes(StandardCharsets.UTF_8);
		}
		Long ttl = checked(index, () -> ExpirationField.TTL.read(node.get(ExpirationField.TTL.fieldName())));
		Long expiration = (ttl == null)
				? checked(index, () -> ExpirationField.EXPIRATION.read(node.get(ExpirationField.EXPIRATION.fieldName())))
				: null;
		JsonNode metadata = node.get("metadata");
		Object metadataValue = (metadata == null || metadata.isNull()) ? null : metadata;
		long now = this.clock.instant().getEpochSecond();
		PutOptions options = checked(index, () -> {
			KVLimits.checkKey(key);
			KVLimits.checkValueLength(value.length);
			if (metadataValue != null) {
				KVLimits.checkMetadataJson(this.jsonMapper.writeValueAsString(metadataValue));
			}
			if (ttl != null) {
				return PutOptions.none().withExpirationTtl(ttl).withMetadata(metadataValue);
			}
			if (expiration != null) {
				KVLimits.checkExpiration(expiration, now);
				return PutOptions.none().withExpiration(expiration).withMetadata(metadataValue);
			}
			return PutOptions.none().withMetadata(metadataValue);
		});
		return new Item(key, value, options);
	}

	private static ValueType<?> type(@Nullable JsonNode type) {
		if (type == null || type.isNull()) {
			return ValueType.text();
		}
		String name = type.isString() ? type.asString() : type.toString();
		return switch (name) {
			case "text" -> ValueType.text();
			case "json" -> ValueType.json(JsonNode.class);
			// Let KVLimits reject the binding's other types with its own message.
			case "arrayBuffer" -> ValueType.bytes();
			case "stream" -> ValueType.stream();
			default -> throw new ApiException(400, ErrorCodes.INVALID_BULK_GET,
					"\"" + name + "\" is not a valid type. Use \"json\" or \"text\"");
		};
	}

	private static Iterable<JsonNode> array(JsonNode body, String expected) {
		if (!body.isArray()) {
			throw ApiException.badRequest("The request body must be " + expected + " but is " + body.getNodeType()
					+ ".");
		}
		if (body.size() > MAX_BULK_ITEMS) {
			throw ApiException.badRequest("A bulk request holds at most " + MAX_BULK_ITEMS + " items, but this one has "
					+ body.size() + ".");
		}
		return body;
	}

	private static <T> T checked(int index, Supplier<T> check) {
		try {
			return check.get();
		}
		catch (KVValidationException ex) {
			throw new ApiException(ex.httpStatus(), ErrorCodes.of(ex), ex.getMessage() + " (item " + index + ")");
		}
	}

	private static void checked(int index, Runnable check) {
		checked(index, () -> {
			check.run();
			return null;
		});
	}

	/**
	 * A checked item of a bulk write.
	 * @param key the key
	 * @param value the decoded value
	 * @param options its expiration and metadata
	 */
	private record Item(String key, byte[] value, PutOptions options) {
	}

}
