package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * No usable response: the connection could not be made, was dropped, timed out
 * ({@link CloudflareTimeoutException}), or the response could not be read or understood
 * ({@link CloudflareMalformedResponseException}). A write that fails with it may or may not have been
 * applied. {@link #httpStatus()} is 0 unless a response arrived.
 */
public class CloudflareIOException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareIOException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
