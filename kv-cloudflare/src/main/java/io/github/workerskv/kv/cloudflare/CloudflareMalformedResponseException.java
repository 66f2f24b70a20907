package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A response arrived but is not what the API returns: not JSON, no v4 envelope, or a success envelope
 * without the expected result (a proxy or captive portal in the way, or a wrong base URL).
 */
public class CloudflareMalformedResponseException extends CloudflareIOException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareMalformedResponseException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
