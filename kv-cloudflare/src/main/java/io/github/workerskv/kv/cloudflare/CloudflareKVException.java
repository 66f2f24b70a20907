package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.List;

import io.github.workerskv.kv.KVException;
import org.jspecify.annotations.Nullable;

/**
 * A call to Cloudflare's REST API failed. The subclass says how:
 * {@link CloudflareAuthenticationException} (401/403, code 10000),
 * {@link CloudflareNamespaceNotFoundException} (404), {@link CloudflareBadRequestException} (other 4xx),
 * {@link CloudflareRateLimitException} (429), {@link CloudflareServerException} (5xx),
 * {@link CloudflareIOException} (no usable response) and {@link CloudflareBulkException} (some chunks of
 * a bulk call failed). This class itself is thrown for a status the API does not use (such as a redirect).
 *
 * <p>The message names the request (method and path below the base URL) and every error the server
 * sent; it never contains credentials.
 */
public class CloudflareKVException extends KVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	private final List<CloudflareError> errors;

	private final @Nullable Duration retryAfter;

	CloudflareKVException(String message, int httpStatus, List<CloudflareError> errors, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	/** @return the response's HTTP status, or 0 if no response arrived */
	public int httpStatus() {
		return this.httpStatus;
	}

	/** @return every error of the response's envelope, in order; empty if it had none */
	public List<CloudflareError> errors() {
		return this.errors;
	}

	/**
	 * Whether the server sent an error with this code.
	 * @param code a Cloudflare error code
	 * @return whether {@link #errors()} has it
	 */
	public boolean hasErrorCode(int code) {
		return this.errors.stream().anyMatch((error) -> error.code() == code);
	}

	/**
	 * How long the server asked the client to wait before trying again ({@code retry-after-ms}, else
	 * {@code Retry-After} as seconds or an HTTP date); Cloudflare sends it with 429 and sometimes 503.
	 * @return the delay, or {@code null} if the response did not say
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/** @return whether the server answered HTTP 429 (its rate limits), also as the last answer before giving up */
	@Override
	public boolean isRateLimited() {
		return this.httpStatus == 429;
	}

}
