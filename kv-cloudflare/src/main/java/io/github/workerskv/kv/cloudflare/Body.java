package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;

import org.jspecify.annotations.Nullable;

/**
 * The body of a response as {@link HttpTransport} takes it: the bytes of a successful envelope, which the
 * HTTP client collects without a thread hand-off, or a stream, for a large value read (which the caller
 * consumes) and for an error (which is read only up to a limit). A small value is collected as bytes too.
 *
 * @param bytes the whole body, or {@code null} when it is a stream
 * @param stream the open body, or {@code null} when it was collected
 */
record Body(byte @Nullable [] bytes, @Nullable InputStream stream) {

	/**
	 * A value this small (by its {@code Content-Length}) is collected too, rather than handed to the caller
	 * through the HTTP client's blocking queue; it is then read from memory.
	 */
	static final long COLLECTED_VALUE_LIMIT = 64 * 1024;

	/**
	 * @param streamed whether a successful answer is a value to stream rather than an envelope
	 * @return the handler that chooses by status: bytes for a 2xx envelope or a 2xx value of known length up
	 * to {@link #COLLECTED_VALUE_LIMIT}, a stream otherwise
	 */
	static HttpResponse.BodyHandler<Body> handler(boolean streamed) {
		return (info) -> {
			boolean success = info.statusCode() >= 200 && info.statusCode() <= 299;
			boolean small = !streamed || info.headers().firstValueAsLong("content-length").orElse(Long.MAX_VALUE)
					<= COLLECTED_VALUE_LIMIT;
			if (success && small) {
				return BodySubscribers.mapping(BodySubscribers.ofByteArray(), (bytes) -> new Body(bytes, null));
			}
			return BodySubscribers.mapping(BodySubscribers.ofInputStream(), (stream) -> new Body(null, stream));
		};
	}

	/** @return the body as a stream to read: the open one, or the collected bytes */
	InputStream open() {
		InputStream stream = this.stream;
		if (stream != null) {
			return stream;
		}
		byte[] bytes = this.bytes;
		return new ByteArrayInputStream((bytes != null) ? bytes : new byte[0]);
	}

}
