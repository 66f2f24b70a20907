package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Cloudflare failed (HTTP 5xx). The request may or may not have been applied. The server is done with it,
 * except after a gateway's answer (502, 504, 520, 524), which stands in for a server that may still be
 * working on it: a write that gets one fails with a {@link CloudflareAmbiguousWriteException} that has this
 * exception as its cause.
 */
public class CloudflareServerException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	CloudflareServerException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, httpStatus, errors, retryAfter, cause);
	}

}
