package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;

import org.jspecify.annotations.Nullable;

/**
 * The body of a response as {@link HttpTransport} takes it: the bytes of a successful envelope, which the
 * HTTP client collects without a thread hand-off, or a stream, for a value read (which the caller
 * consumes) and for an error (which is read only up to a limit).
 *
 * @param bytes the whole body, or {@code null} when it is a stream
 * @param stream the open body, or {@code null} when it was collected
 */
record Body(byte @Nullable [] bytes, @Nullable InputStream stream) {

	/**
	 * @param streamed whether a successful answer is a value to stream rather than an envelope
	 * @return the handler that chooses by status: bytes for a 2xx envelope, a stream otherwise
	 */
	static HttpResponse.BodyHandler<Body> handler(boolean streamed) {
		return (info) -> {
			boolean success = info.statusCode() >= 200 && info.statusCode() <= 299;
			if (success && !streamed) {
				return BodySubscribers.mapping(BodySubscribers.ofByteArray(), (bytes) -> new Body(bytes, null));
			}
			return BodySubscribers.mapping(BodySubscribers.ofInputStream(), (stream) -> new Body(null, stream));
		};
	}

}
