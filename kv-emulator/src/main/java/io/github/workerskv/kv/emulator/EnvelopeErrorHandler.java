package io.github.workerskv.kv.emulator;

import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Jetty raises itself (a malformed request line or headers, for example) with a
 * v4 error envelope instead of an HTML page, so clients can parse every answer. No stack traces.
 */
final class EnvelopeErrorHandler extends ErrorHandler {

	private final JsonMapper jsonMapper;

	EnvelopeErrorHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		setShowStacks(false);
	}

	@Override
	protected void generateResponse(Request request, Response response, int code, @Nullable String message,
			@Nullable Throwable cause, Callback callback) {
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
		Content.Sink.write(response, true, new String(body(code, message), StandardCharsets.UTF_8),
				callback);
	}

	private byte[] body(int status, @Nullable String message) {
		int code = (status >= 500) ? ErrorCodes.INTERNAL : ErrorCodes.BAD_REQUEST;
		String text = "HTTP " + status + ((message != null && !message.isBlank()) ? ": " + message : "");
		return this.jsonMapper.writeValueAsBytes(Wire.Envelope.error(code, text));
	}

}
