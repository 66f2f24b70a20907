package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * No usable response: the connection could not be made, was dropped, timed out
 * ({@link CloudflareTimeoutException}), or the response could not be read or understood
 * ({@link CloudflareMalformedResponseException}). {@link #httpStatus()} is 0 unless a response arrived.
 *
 * <p>A write that fails with it was not applied when the request never reached the server in full (the
 * connection could not be made, or broke before the whole body was sent). Otherwise its outcome is unknown,
 * and the write fails with a {@link CloudflareAmbiguousWriteException} that has this exception as its cause.
 */
public class CloudflareIOException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final boolean requestSent;

	CloudflareIOException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		this(message, httpStatus, errors, retryAfter, cause, true);
	}

	/**
	 * @param requestSent {@code false} if the request certainly did not reach the server in full
	 */
	CloudflareIOException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause, boolean requestSent) {
		super(message, httpStatus, errors, retryAfter, cause);
		this.requestSent = requestSent;
	}

	/**
	 * @return {@code false} if the request certainly did not reach the server in full (no connection, or
	 * the connection broke before the whole body was handed to it), {@code true} if it may have
	 */
	boolean requestSent() {
		return this.requestSent;
	}

}
