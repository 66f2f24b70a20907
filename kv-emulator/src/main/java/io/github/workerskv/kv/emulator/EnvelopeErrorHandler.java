package io.github.workerskv.kv.emulator;

import java.util.Map;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Jetty raises itself, before or around the handlers (broken framing such as a bad
 * {@code Content-Length}, oversized headers, an HTTP/2 preface, an unknown HTTP version, a full
 * server), with a v4 error envelope whose code and message name the problem, for every method
 * (Jetty's own handler writes a body only for GET, POST and HEAD). No stack traces.
 */
final class EnvelopeErrorHandler extends ErrorHandler {

	private final JsonMapper jsonMapper;

	private final int requestHeaderSize;

	private final ServerLimits limits;

	/**
	 * @param jsonMapper the mapper
	 * @param requestHeaderSize the most bytes of request line and headers Jetty accepts, for messages
	 * @param limits the server's limits, for messages
	 */
	EnvelopeErrorHandler(JsonMapper jsonMapper, int requestHeaderSize, ServerLimits limits) {
		this.jsonMapper = jsonMapper;
		this.requestHeaderSize = requestHeaderSize;
		this.limits = limits;
		setShowStacks(false);
	}

	@Override
	public boolean errorPageForMethod(String method) {
		return true;
	}

	@Override
	protected void generateResponse(Request request, Response response, int status, @Nullable String message,
			@Nullable Throwable cause, Callback callback) {
		String reason = reason(status, message, cause);
		Map<String, String> headers = (status == 503) ? Map.of("Retry-After", "1") : Map.of();
		ErrorAnswer.write(response, callback, this.jsonMapper, status, code(status), message(status, reason), headers);
	}

	private static String reason(int status, @Nullable String message, @Nullable Throwable cause) {
		Throwable root = cause;
		while (root != null && root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (status == 400 && root instanceof ArithmeticException) {
			// Jetty's request parser wraps the overflow of the one number it reads in the headers.
			return "Invalid Content-Length Value, larger than " + Long.MAX_VALUE;
		}
		return (message != null && !message.isBlank()) ? message : "HTTP " + status;
	}

	private static int code(int status) {
		return switch (status) {
			case 408 -> ErrorCodes.REQUEST_TIMEOUT;
			case 413 -> ErrorCodes.BODY_TOO_LARGE;
			case 503 -> ErrorCodes.OVERLOADED;
			case 505 -> ErrorCodes.BAD_REQUEST;
			default -> (status >= 500) ? ErrorCodes.INTERNAL : ErrorCodes.BAD_REQUEST;
		};
	}

	private String message(int status, String reason) {
		return switch (status) {
			case 400 -> "Malformed HTTP request: " + reason + ".";
			case 408 -> "The request did not arrive in time: " + reason + ".";
			case 413 -> "The request is larger than the KV emulator accepts: " + reason + ".";
			case 414 -> "The request line is longer than the " + this.requestHeaderSize
					+ " bytes the KV emulator accepts for the request line and headers together.";
			case 426 -> "The KV emulator speaks HTTP/1.1 only; HTTP/2 and other protocol upgrades are not supported ("
					+ reason + ").";
			case 431 -> "The request headers are larger than the " + this.requestHeaderSize
					+ " bytes the KV emulator accepts for the request line and headers together.";
			case 503 -> "The KV emulator is serving its limit of " + this.limits.maxConcurrentRequests()
					+ " requests at once; retry after 1 s, or raise ServerLimits.withMaxConcurrentRequests.";
			case 505 -> "HTTP version not supported (" + reason + "): the KV emulator speaks HTTP/1.1 and HTTP/1.0.";
			default -> (status >= 500) ? "The KV emulator failed to serve this request (HTTP " + status + ": " + reason
					+ "); see its log." : "HTTP " + status + ": " + reason + ".";
		};
	}

}
