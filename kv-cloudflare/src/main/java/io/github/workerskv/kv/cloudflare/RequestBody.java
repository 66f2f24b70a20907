package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;

/**
 * The body of a request.
 *
 * @param publisher the bytes to send
 * @param contentType its {@code Content-Type}
 * @param repeatable whether it can be sent again (bytes can; a caller's stream cannot)
 */
record RequestBody(BodyPublisher publisher, String contentType, boolean repeatable) {

	static final String JSON = "application/json";

	static final String OCTET_STREAM = "application/octet-stream";

	/**
	 * @param json JSON bytes
	 * @return a repeatable JSON body
	 */
	static RequestBody json(byte[] json) {
		return new RequestBody(BodyPublishers.ofByteArray(json), JSON, true);
	}

	/**
	 * @param bytes the bytes
	 * @param contentType their content type
	 * @return a repeatable body
	 */
	static RequestBody bytes(byte[] bytes, String contentType) {
		return new RequestBody(BodyPublishers.ofByteArray(bytes), contentType, true);
	}

	/**
	 * @param publisher a publisher over bytes that can be read again
	 * @param contentType their content type
	 * @return a repeatable body
	 */
	static RequestBody repeatable(BodyPublisher publisher, String contentType) {
		return new RequestBody(publisher, contentType, true);
	}

	/**
	 * @param stream a stream read once while the request is sent
	 * @param contentType its content type
	 * @return a body that is sent once
	 */
	static RequestBody once(InputStream stream, String contentType) {
		return new RequestBody(BodyPublishers.ofInputStream(() -> stream), contentType, false);
	}

	/**
	 * @param publisher a publisher that reads a caller's stream
	 * @param contentType its content type
	 * @return a body that is sent once
	 */
	static RequestBody once(BodyPublisher publisher, String contentType) {
		return new RequestBody(publisher, contentType, false);
	}

}
