package io.github.workerskv.kv.emulator;

import java.nio.ByteBuffer;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a v4 error envelope without blocking, for the answers given outside an endpoint: by Jetty's
 * error handling, the request slots and the body loading. Endpoints answer through {@link Exchange}.
 */
final class ErrorAnswer {

	private ErrorAnswer() {
	}

	/**
	 * @param response the response, not yet committed
	 * @param callback completed when the answer is written
	 * @param jsonMapper the mapper
	 * @param status the HTTP status
	 * @param code the error code
	 * @param message the message
	 * @param headers more headers, such as {@code Retry-After} or {@code Connection: close}
	 */
	static void write(Response response, Callback callback, JsonMapper jsonMapper, int status, int code, String message,
			Map<String, String> headers) {
		byte[] body = jsonMapper.writeValueAsBytes(Wire.Envelope.error(code, message));
		response.setStatus(status);
		headers.forEach((name, value) -> response.getHeaders().put(name, value));
		response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
		response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
		response.write(true, ByteBuffer.wrap(body), callback);
	}

}
