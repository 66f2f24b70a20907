package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Cloudflare's rate limit was hit (HTTP 429): 1,200 API requests per five minutes per user, or more
 * than one write per second to one key. {@link #retryAfter()} tells how long the server asked to wait,
 * from {@code retry-after-ms} or {@code Retry-After} (seconds or an HTTP date), when it said.
 */
public class CloudflareRateLimitException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareRateLimitException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
