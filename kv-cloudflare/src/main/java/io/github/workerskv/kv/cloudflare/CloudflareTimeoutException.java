package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The connection or the response headers did not arrive in time
 * ({@link CloudflareKVConfig#connectTimeout()}, {@link CloudflareKVConfig#requestTimeout()}). A write whose
 * request had been sent when the request timeout passed has an unknown outcome: it fails with a
 * {@link CloudflareAmbiguousWriteException} that has this exception as its cause.
 */
public class CloudflareTimeoutException extends CloudflareIOException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareTimeoutException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause, boolean requestSent) {
		super(message, httpStatus, errors, retryAfter, cause, requestSent);
	}

}
