package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cloudflare's v4 response envelope: {@code {success, errors: [{code, message}], messages, result}}.
 *
 * @param json whether the body was a JSON object (an empty body counts as none)
 * @param success the {@code success} flag; {@code true} when absent
 * @param errors the {@code errors} entries
 * @param result the {@code result}, or {@code null} when absent or JSON {@code null}
 * @param resultInfo the {@code result_info}, or {@code null} when absent
 * @param snippet the start of a body that is not a JSON object, for messages; empty otherwise
 */
record Envelope(boolean json, boolean success, List<CloudflareError> errors, @Nullable JsonNode result,
		@Nullable JsonNode resultInfo, String snippet) {

	/** Key not found (HTTP 404 on a value or metadata read). */
	static final int KEY_NOT_FOUND = 10009;

	/** No route for the URI (HTTP 404): a wrong base URL or path. */
	static final int NO_ROUTE = 7003;

	/** Authentication error. */
	static final int AUTHENTICATION_ERROR = 10000;

	static Envelope empty() {
		return new Envelope(false, true, List.of(), null, null, "");
	}

	static Envelope notJson(String snippet) {
		return new Envelope(false, false, List.of(), null, null, snippet);
	}

	/**
	 * Reads an envelope token by token: only {@code result}, {@code result_info} and the entries of
	 * {@code errors} become trees; {@code messages} and anything else are skipped, and an answer without a
	 * result (a write's) builds no tree at all.
	 * @param trees from {@link #treeReader}, made once per client
	 * @param bytes a response body
	 * @return the envelope; {@link #empty()} for no bytes, one with {@code json=false} (and the body's start as
	 * its snippet) for a body that is not a JSON object
	 */
	static Envelope parse(ObjectReader trees, byte[] bytes) {
		if (bytes.length == 0) {
			return empty();
		}
		try (JsonParser parser = trees.createParser(bytes)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return notJson(snippet(bytes));
			}
			boolean success = true;
			List<CloudflareError> errors = List.of();
			JsonNode result = null;
			JsonNode resultInfo = null;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken value = parser.nextToken();
				switch (name) {
					case "success" -> {
						success = value != JsonToken.VALUE_FALSE;
						parser.skipChildren();
					}
					case "errors" -> errors = (value == JsonToken.START_ARRAY) ? errors(trees, parser) : skip(parser, errors);
					case "result" -> result = (value == JsonToken.VALUE_NULL) ? null : trees.readValue(parser);
					case "result_info" -> resultInfo = (value == JsonToken.VALUE_NULL) ? null : trees.readValue(parser);
					default -> parser.skipChildren();
				}
			}
			if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
				return notJson(snippet(bytes));
			}
			return new Envelope(true, success, errors, result, resultInfo, "");
		}
		catch (JacksonException ex) {
			return notJson(snippet(bytes));
		}
	}

	/**
	 * A reader of the trees inside an envelope. Made once, it keeps its deserializer, which a parser's own
	 * {@code readValueAsTree} looks up and contextualises again on every call.
	 * @param mapper the client's mapper
	 * @return the reader
	 */
	static ObjectReader treeReader(JsonMapper mapper) {
		return mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	private static <T> T skip(JsonParser parser, T otherwise) {
		parser.skipChildren();
		return otherwise;
	}

	private static String snippet(byte[] bytes) {
		return new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
	}

	/** Reads the array at the parser's {@code START_ARRAY}: a success's empty one builds nothing. */
	private static List<CloudflareError> errors(ObjectReader trees, JsonParser parser) {
		if (parser.nextToken() == JsonToken.END_ARRAY) {
			return List.of();
		}
		List<JsonNode> items = new ArrayList<>();
		for (JsonToken token = parser.currentToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token == null) {
				break; // cut off: parse finds no end of the object and answers "not JSON"
			}
			items.add(trees.readValue(parser));
		}
		return errors(items);
	}

	private static List<CloudflareError> errors(Iterable<JsonNode> errorNodes) {
		List<CloudflareError> errors = new ArrayList<>();
		for (JsonNode error : errorNodes) {
			JsonNode code = error.get("code");
			JsonNode message = error.get("message");
			errors.add(new CloudflareError((code != null && code.canConvertToInt()) ? code.asInt() : 0,
					(message == null || message.isNull()) ? "" : message.isValueNode() ? message.asString() : message.toString()));
		}
		return errors;
	}

	/**
	 * @param root a parsed JSON body
	 * @return the envelope, or one with {@code json=false} if the body is not an object
	 */
	static Envelope of(JsonNode root) {
		if (!root.isObject()) {
			return notJson(root.toString());
		}
		JsonNode errorNodes = root.get("errors");
		List<CloudflareError> errors = (errorNodes != null && errorNodes.isArray()) ? errors(errorNodes) : List.of();
		JsonNode success = root.get("success");
		JsonNode result = root.get("result");
		JsonNode resultInfo = root.get("result_info");
		return new Envelope(true, success == null || !success.isBoolean() || success.booleanValue(), errors,
				(result == null || result.isNull()) ? null : result,
				(resultInfo == null || resultInfo.isNull()) ? null : resultInfo, "");
	}

	boolean hasCode(int code) {
		return this.errors.stream().anyMatch((error) -> error.code() == code);
	}

}
