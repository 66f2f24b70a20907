package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * The body of a response as an {@link HttpTransport} takes it: the bytes of a successful envelope, collected by
 * the HTTP client, or a stream, for a large value read (which the caller consumes) and for an error (which is
 * read only up to a limit). A small value is collected as bytes too.
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
	 * @param status the response's status
	 * @param contentLength its {@code Content-Length}, or -1 if it has none
	 * @param streamed whether a successful answer is a value to stream rather than an envelope
	 * @return whether to collect the body as bytes: a 2xx envelope, or a 2xx value of known length up to
	 * {@link #COLLECTED_VALUE_LIMIT}; anything else is a stream
	 */
	static boolean collected(int status, long contentLength, boolean streamed) {
		boolean success = status >= 200 && status <= 299;
		return success && (!streamed || (contentLength >= 0 && contentLength <= COLLECTED_VALUE_LIMIT));
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
