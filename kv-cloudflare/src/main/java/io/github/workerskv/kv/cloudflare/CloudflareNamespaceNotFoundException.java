package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The account or namespace does not exist (HTTP 404 other than a missing key, for example code 10013
 * "namespace not found"). Check the namespace id (not its title) and the account id. A missing
 * <em>key</em> is never this exception: reads return {@code null}.
 */
public class CloudflareNamespaceNotFoundException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareNamespaceNotFoundException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
