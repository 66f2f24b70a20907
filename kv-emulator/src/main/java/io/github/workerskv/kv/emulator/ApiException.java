package io.github.workerskv.kv.emulator;

import java.io.Serial;
import java.util.HashMap;
import java.util.Map;

/**
 * A request the emulator answers with a v4 error envelope: status, code and message, plus any
 * headers (such as {@code Retry-After}). Messages never contain credentials.
 */
final class ApiException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final int code;

	private final transient Map<String, String> headers;

	ApiException(int status, int code, String message) {
		this(status, code, message, Map.of());
	}

	ApiException(int status, int code, String message, Map<String, String> headers) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.headers = Map.copyOf(headers);
	}

	static ApiException badRequest(String message) {
		return new ApiException(400, ErrorCodes.BAD_REQUEST, message);
	}

	static ApiException namespaceNotFound(String namespaceId) {
		return new ApiException(404, ErrorCodes.NAMESPACE_NOT_FOUND,
				"namespace not found: '" + namespaceId + "'");
	}

	static ApiException keyNotFound(String operation) {
		return new ApiException(404, ErrorCodes.KEY_NOT_FOUND, operation + ": 'key not found'");
	}

	static ApiException throttled(long retryAfterSeconds) {
		return throttled(retryAfterSeconds, Map.of());
	}

	/**
	 * @param retryAfterSeconds the {@code Retry-After} value
	 * @param headers more headers for the answer
	 * @return a 429 with code 971, as Cloudflare throttles
	 */
	static ApiException throttled(long retryAfterSeconds, Map<String, String> headers) {
		Map<String, String> all = new HashMap<>(headers);
		all.put("Retry-After", Long.toString(retryAfterSeconds));
		return new ApiException(429, ErrorCodes.RATE_LIMITED, "Please wait and consider throttling your request speed",
				all);
	}

	int status() {
		return this.status;
	}

	int code() {
		return this.code;
	}

	Map<String, String> headers() {
		return this.headers;
	}

}
