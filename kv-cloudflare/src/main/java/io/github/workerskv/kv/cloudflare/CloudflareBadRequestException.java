package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The server rejected the request as invalid (HTTP 400 and the other 4xx statuses except 401, 403,
 * 404 and 429), for example a duplicate namespace title (code 10014). {@link #errors()} holds the
 * server's codes and messages. Retrying the same request does not help.
 */
public class CloudflareBadRequestException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareBadRequestException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
