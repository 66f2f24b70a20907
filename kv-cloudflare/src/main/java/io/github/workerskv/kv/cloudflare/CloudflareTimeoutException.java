package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The connection or the response headers did not arrive in time
 * ({@link CloudflareKVConfig#connectTimeout()}, {@link CloudflareKVConfig#requestTimeout()}).
 */
public class CloudflareTimeoutException extends CloudflareIOException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareTimeoutException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
