package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Cloudflare failed (HTTP 5xx). The request may or may not have been applied; idempotent requests
 * (reads, value writes, deletes, bulk writes) can be retried.
 */
public class CloudflareServerException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareServerException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
