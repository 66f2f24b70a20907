package io.github.workerskv.kv.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidExpirationException;
import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.InvalidMetadataException;
import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.MetadataTooLargeException;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueTooLargeException;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The console's JSON API under {@code /api/}. Reads and writes go through the backend's {@link KVNamespace}s,
 * so a write meets exactly the validation, and the messages, of the Java API. Every write must carry the
 * console's token header (a page of another site can neither read the token nor send the header), a write to
 * a production namespace must also carry {@value #CONFIRM_HEADER} naming it, and every write is logged with
 * the user, the namespace and the key, never the value.
 */
final class ConsoleApi {

	static final String TOKEN_HEADER = "X-KV-Console-Token";

	static final String CONFIRM_HEADER = "X-KV-Console-Confirm";

	static final int DEFAULT_PAGE_SIZE = 100;

	static final int MAX_BULK_DELETE_KEYS = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(KVConsole.class);

	private final ConsoleBackend backend;

	private final String token;

	private final JsonMapper jsonMapper;

	private final List<ConsoleExtension> extensions;

	ConsoleApi(ConsoleBackend backend, String token, JsonMapper jsonMapper, List<ConsoleExtension> extensions) {
		this.backend = backend;
		this.token = token;
		this.jsonMapper = jsonMapper;
		this.extensions = List.copyOf(extensions);
	}

	ConsoleResponse handle(ConsoleRequest request) {
		try {
			return route(request);
		}
		catch (ConsoleError ex) {
			return error(ex.status(), String.valueOf(ex.getMessage()), ex.field());
		}
		catch (KVValidationException ex) {
			return error(ex.httpStatus(), String.valueOf(ex.getMessage()), field(ex));
		}
		catch (KVException ex) {
			logger.warn("KV console: {} {} failed: {}", request.method(), request.path(), ex.getMessage());
			return error(502, String.valueOf(ex.getMessage()), null);
		}
		catch (RuntimeException ex) {
			logger.warn("KV console: {} {} failed", request.method(), request.path(), ex);
			return error(500, "The console failed to answer (" + ex.getClass().getSimpleName() + "); see the log.",
					null);
		}
	}

	private ConsoleResponse route(ConsoleRequest request) {
		String method = request.method();
		switch (request.path()) {
			case "/api/session":
				requireMethod(method, "GET");
				return json(200, session(request));
			case "/api/keys":
				requireMethod(method, "GET");
				return json(200, keys(request));
			case "/api/value":
				if (method.equals("GET")) {
					return json(200, value(request));
				}
				if (method.equals("PUT")) {
					return json(200, put(request));
				}
				if (method.equals("DELETE")) {
					return json(200, delete(request));
				}
				throw methodNotAllowed("GET, PUT, DELETE");
			case "/api/raw":
				requireMethod(method, "GET");
				return raw(request);
			case "/api/bulk-delete":
				requireMethod(method, "POST");
				return json(200, bulkDelete(request));
			default:
				return extension(request);
		}
	}

	/** {@code /api/<name>} and below go to the extension of that name. */
	private ConsoleResponse extension(ConsoleRequest request) {
		String path = request.path();
		for (ConsoleExtension extension : this.extensions) {
			String root = "/api/" + extension.name();
			if (path.equals(root) || path.startsWith(root + "/")) {
				JsonNode answer = extension.handle(new ConsoleCall(this, request, path.substring(root.length())));
				return json(200, answer);
			}
		}
		throw new ConsoleError(404, "The console has no API at " + path + ".");
	}

	private ObjectNode session(ConsoleRequest request) {
		ObjectNode session = this.jsonMapper.createObjectNode();
		ObjectNode backendNode = session.putObject("backend");
		backendNode.put("kind", this.backend.kind().wireName());
		backendNode.put("label", this.backend.kind().label());
		backendNode.put("description", this.backend.description());
		ArrayNode namespaces = session.putArray("namespaces");
		for (ConsoleNamespace namespace : this.backend.namespaces()) {
			ObjectNode node = namespaces.addObject();
			node.put("name", namespace.name());
			node.put("id", namespace.namespace().id());
			node.put("production", namespace.production());
		}
		ObjectNode headers = session.putObject("writeHeaders");
		request.writeHeaders().forEach(headers::put);
		headers.put(TOKEN_HEADER, this.token);
		session.put("user", request.user());
		ArrayNode extensionsNode = session.putArray("extensions");
		for (ConsoleExtension extension : this.extensions) {
			extensionsNode.addObject().put("name", extension.name()).put("label", extension.label());
		}
		ObjectNode limits = session.putObject("limits");
		limits.put("keyBytes", KVLimits.MAX_KEY_BYTES);
		limits.put("valueBytes", KVLimits.MAX_VALUE_BYTES);
		limits.put("metadataBytes", KVLimits.MAX_METADATA_BYTES);
		limits.put("minExpirationTtl", KVLimits.MIN_EXPIRATION_TTL_SECONDS);
		limits.put("listLimit", KVLimits.MAX_LIST_LIMIT);
		limits.put("bulkDeleteKeys", MAX_BULK_DELETE_KEYS);
		return session;
	}

	private ObjectNode keys(ConsoleRequest request) {
		ConsoleNamespace namespace = namespace(request);
		ListOptions options = ListOptions.defaults().withLimit(pageSize(request.query("limit")));
		String prefix = request.query("prefix");
		if (prefix != null && !prefix.isEmpty()) {
			options = options.withPrefix(prefix);
		}
		String cursor = request.query("cursor");
		if (cursor != null && !cursor.isEmpty()) {
			options = options.withCursor(cursor);
		}
		ListResult page = namespace.namespace().list(options);
		ObjectNode result = this.jsonMapper.createObjectNode();
		ArrayNode keys = result.putArray("keys");
		for (KVKey key : page.keys()) {
			ObjectNode node = keys.addObject();
			node.put("name", key.name());
			node.put("expiration", key.expiration());
			node.set("metadata", key.metadata());
		}
		result.put("listComplete", page.listComplete());
		result.put("cursor", page.cursor());
		return result;
	}

	private ObjectNode value(ConsoleRequest request) {
		ConsoleNamespace namespace = namespace(request);
		String key = requiredQuery(request, "key");
		ValueWithMetadata<byte[]> found = namespace.namespace().getWithMetadata(key, ValueType.bytes(),
				GetOptions.defaults());
		if (found == null) {
			throw new ConsoleError(404,
					"There is no key '" + key + "' in " + namespace.name() + " (it may have expired or been deleted).");
		}
		ValueView view = ValueView.of(found.value(), this.jsonMapper);
		ObjectNode result = this.jsonMapper.createObjectNode();
		result.put("key", key);
		result.put("kind", view.kind());
		result.put("size", view.size());
		result.put("text", view.text());
		result.put("pretty", view.pretty());
		result.put("hex", view.hex());
		result.put("truncated", view.truncated());
		result.set("metadata", found.metadata());
		result.put("expiration", found.expiration());
		return result;
	}

	private ConsoleResponse raw(ConsoleRequest request) {
		ConsoleNamespace namespace = namespace(request);
		String key = requiredQuery(request, "key");
		byte[] value = namespace.namespace().getBytes(key);
		if (value == null) {
			throw new ConsoleError(404, "There is no key '" + key + "' in " + namespace.name() + ".");
		}
		Map<String, String> headers = new LinkedHashMap<>(SecurityHeaders.API);
		headers.put("Content-Disposition", Downloads.contentDisposition(key));
		return new ConsoleResponse(200, "application/octet-stream", headers, value);
	}

	private ObjectNode put(ConsoleRequest request) {
		ConsoleNamespace namespace = namespace(request);
		checkWrite(request, namespace);
		JsonNode body = body(request);
		String key = text(body, "key");
		if (key == null) {
			throw new ConsoleError(400, "Key name cannot be empty.", "key");
		}
		byte[] value = valueBytes(body);
		PutOptions options = PutOptions.none();
		String metadata = text(body, "metadata");
		if (metadata != null && !metadata.isBlank()) {
			options = options.withMetadata(metadata(metadata));
		}
		String expirationTtl = text(body, "expirationTtl");
		String expiration = text(body, "expiration");
		if (expirationTtl != null && !expirationTtl.isBlank()) {
			options = options.withExpirationTtl(number(expirationTtl, "expiration TTL", "expirationTtl"));
		}
		else if (expiration != null && !expiration.isBlank()) {
			options = options.withExpiration(number(expiration, "expiration", "expiration"));
		}
		KVNamespace kv = namespace.namespace();
		if (body.path("create").asBoolean(false)) {
			KVLimits.checkKey(key);
			ListResult existing = kv.list(ListOptions.defaults().withPrefix(key).withLimit(1));
			if (!existing.keys().isEmpty() && existing.keys().get(0).name().equals(key)) {
				throw new ConsoleError(409, "The key '" + key + "' already exists in " + namespace.name()
						+ ": open it to edit its value.", "key");
			}
		}
		kv.put(key, value, options);
		logger.info("KV console: {} put key '{}' in {} ({} bytes{}{})", user(request), key, namespace.name(),
				value.length, (options.metadata() != null) ? ", metadata" : "",
				(options.expirationTtl() != null) ? ", expires in " + options.expirationTtl() + " s"
						: (options.expiration() != null) ? ", expires at " + options.expiration() : "");
		ObjectNode result = this.jsonMapper.createObjectNode();
		result.put("key", key);
		result.put("size", value.length);
		return result;
	}

	private ObjectNode delete(ConsoleRequest request) {
		ConsoleNamespace namespace = namespace(request);
		checkWrite(request, namespace);
		String key = requiredQuery(request, "key");
		namespace.namespace().delete(key);
		logger.info("KV console: {} deleted key '{}' in {}", user(request), key, namespace.name());
		ObjectNode result = this.jsonMapper.createObjectNode();
		result.put("deleted", key);
		return result;
	}

	private ObjectNode bulkDelete(ConsoleRequest request) {
		ConsoleNamespace namespace = namespace(request);
		checkWrite(request, namespace);
		JsonNode keysNode = body(request).path("keys");
		if (!keysNode.isArray() || keysNode.isEmpty()) {
			throw new ConsoleError(400, "Select at least one key to delete.", "keys");
		}
		if (keysNode.size() > MAX_BULK_DELETE_KEYS) {
			throw new ConsoleError(400, "At most " + MAX_BULK_DELETE_KEYS + " keys can be deleted at once; "
					+ keysNode.size() + " were selected.", "keys");
		}
		List<String> keys = new ArrayList<>(keysNode.size());
		for (JsonNode key : keysNode) {
			if (!key.isString()) {
				throw new ConsoleError(400, "Every key to delete must be a string.", "keys");
			}
			keys.add(key.asString());
		}
		BulkResult result = namespace.namespace().bulkDelete(keys);
		logger.info("KV console: {} bulk-deleted {} keys in {} ({} confirmed)", user(request), keys.size(),
				namespace.name(), result.successfulKeyCount());
		ObjectNode answer = this.jsonMapper.createObjectNode();
		answer.put("deleted", result.successfulKeyCount());
		ArrayNode unsuccessful = answer.putArray("unsuccessfulKeys");
		result.unsuccessfulKeys().forEach(unsuccessful::add);
		return answer;
	}

	/** A write needs the console's token and, for a production namespace, a confirmation naming it. */
	private void checkWrite(ConsoleRequest request, ConsoleNamespace namespace) {
		checkWrite(request, namespace.name());
	}

	void checkWrite(ConsoleRequest request, @Nullable String namespaceName) {
		String sent = request.header(TOKEN_HEADER);
		if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
				this.token.getBytes(StandardCharsets.UTF_8))) {
			logger.warn("KV console: refused a {} to {} without the console's token (cross-site request?)",
					request.method(), (namespaceName != null) ? namespaceName : request.path());
			throw new ConsoleError(403,
					"This write does not carry the console's " + TOKEN_HEADER + " header: reload the console and try again.");
		}
		if (namespaceName == null) {
			return;
		}
		for (ConsoleNamespace namespace : this.backend.namespaces()) {
			if (namespace.name().equals(namespaceName) && namespace.production()
					&& !namespaceName.equals(request.header(CONFIRM_HEADER))) {
				throw new ConsoleError(428, namespaceName + " is a production namespace: confirm the write (header "
						+ CONFIRM_HEADER + ": " + namespaceName + ").");
			}
		}
	}

	private ConsoleNamespace namespace(ConsoleRequest request) {
		String name = requiredQuery(request, "ns");
		List<ConsoleNamespace> namespaces = this.backend.namespaces();
		for (ConsoleNamespace namespace : namespaces) {
			if (namespace.name().equals(name)) {
				return namespace;
			}
		}
		throw new ConsoleError(404, "The console has no namespace '" + name + "'; it has "
				+ (namespaces.isEmpty() ? "none" : String.join(", ", namespaces.stream().map(ConsoleNamespace::name).toList()))
				+ ".");
	}

	private static int pageSize(@Nullable String limit) {
		if (limit == null || limit.isEmpty()) {
			return DEFAULT_PAGE_SIZE;
		}
		try {
			return Integer.parseInt(limit);
		}
		catch (NumberFormatException ex) {
			throw new ConsoleError(400, "The page size must be a whole number from 1 to " + KVLimits.MAX_LIST_LIMIT
					+ ", not '" + limit + "'.", "limit");
		}
	}

	static String requiredQuery(ConsoleRequest request, String name) {
		String value = request.query(name);
		if (value == null) {
			throw new ConsoleError(400, "The query parameter '" + name + "' is missing.", name);
		}
		return value;
	}

	JsonNode body(ConsoleRequest request) {
		try {
			JsonNode body = this.jsonMapper.readTree(request.body());
			if (body == null || !body.isObject()) {
				throw new ConsoleError(400, "The request body must be a JSON object.");
			}
			return body;
		}
		catch (JacksonException ex) {
			throw new ConsoleError(400, "The request body is not valid JSON.");
		}
	}

	private static byte[] valueBytes(JsonNode body) {
		String value = text(body, "value");
		if (value == null) {
			value = "";
		}
		if ("base64".equals(text(body, "encoding"))) {
			try {
				return Base64.getDecoder().decode(value);
			}
			catch (IllegalArgumentException ex) {
				throw new ConsoleError(400, "The uploaded file could not be decoded.", "value");
			}
		}
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private JsonNode metadata(String metadata) {
		try {
			return this.jsonMapper.readTree(metadata);
		}
		catch (JacksonException ex) {
			throw new ConsoleError(400, "Metadata must be JSON, for example {\"owner\": \"ada\"}: "
					+ ex.getOriginalMessage() + ".", "metadata");
		}
	}

	private static long number(String text, String what, String field) {
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new ConsoleError(400, "The " + what + " must be a whole number of seconds, not '" + text + "'.",
					field);
		}
	}

	private static @Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		return (node != null && !node.isNull()) ? node.asString() : null;
	}

	private static String user(ConsoleRequest request) {
		String user = request.user();
		return (user != null) ? "user '" + user + "'" : "an anonymous user";
	}

	private static @Nullable String field(KVValidationException ex) {
		if (ex instanceof InvalidKeyException) {
			return "key";
		}
		if (ex instanceof InvalidMetadataException || ex instanceof MetadataTooLargeException) {
			return "metadata";
		}
		if (ex instanceof InvalidExpirationException) {
			return "expiration";
		}
		if (ex instanceof ValueTooLargeException) {
			return "value";
		}
		if (ex instanceof InvalidListOptionsException) {
			return "limit";
		}
		return null;
	}

	private static void requireMethod(String method, String allowed) {
		if (!method.equals(allowed)) {
			throw methodNotAllowed(allowed);
		}
	}

	private static ConsoleError methodNotAllowed(String allowed) {
		return new ConsoleError(405, "Use " + allowed + " here.");
	}

	ObjectNode newObject() {
		return this.jsonMapper.createObjectNode();
	}

	ConsoleResponse error(int status, String message, @Nullable String field) {
		ObjectNode error = this.jsonMapper.createObjectNode();
		error.put("error", message);
		if (field != null) {
			error.put("field", field);
		}
		return json(status, error);
	}

	private ConsoleResponse json(int status, JsonNode body) {
		return new ConsoleResponse(status, "application/json", SecurityHeaders.API,
				this.jsonMapper.writeValueAsBytes(body));
	}

}
