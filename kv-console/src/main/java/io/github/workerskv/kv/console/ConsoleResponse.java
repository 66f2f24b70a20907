package io.github.workerskv.kv.console;

import java.util.Map;

/**
 * The console's answer to one request, for the adapter to write out as it is.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}, or empty when there is no body (304)
 * @param headers more headers (security headers, caching, {@code Content-Disposition}, {@code Location})
 * @param body the body, possibly empty
 */
public record ConsoleResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

	public ConsoleResponse {
		headers = Map.copyOf(headers);
	}

}
