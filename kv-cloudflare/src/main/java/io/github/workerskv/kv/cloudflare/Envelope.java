package io.github.workerskv.kv.cloudflare;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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
	 * @param root a parsed JSON body
	 * @return the envelope, or one with {@code json=false} if the body is not an object
	 */
	static Envelope of(JsonNode root) {
		if (!root.isObject()) {
			return notJson(root.toString());
		}
		List<CloudflareError> errors = new ArrayList<>();
		JsonNode errorNodes = root.get("errors");
		if (errorNodes != null && errorNodes.isArray()) {
			for (JsonNode error : errorNodes) {
				JsonNode code = error.get("code");
				JsonNode message = error.get("message");
				errors.add(new CloudflareError((code != null && code.canConvertToInt()) ? code.asInt() : 0,
						(message != null && !message.isNull()) ? message.asString() : ""));
			}
		}
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
