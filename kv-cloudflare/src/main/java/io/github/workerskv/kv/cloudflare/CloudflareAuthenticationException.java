package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Cloudflare refused the credentials (HTTP 401 or 403, or error code 10000): the token is wrong,
 * expired, or lacks the "Workers KV Storage" permission for this account. Retrying does not help.
 */
public class CloudflareAuthenticationException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareAuthenticationException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
