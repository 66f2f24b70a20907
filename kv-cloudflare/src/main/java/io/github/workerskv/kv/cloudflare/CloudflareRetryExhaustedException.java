package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;

/**
 * A call that could be retried (HTTP 429, a 5xx other than 501, a timeout or a dropped connection) failed
 * for good: it made {@link #attempts()} attempts in {@link #elapsed()} and the retry options allowed no
 * more, because all attempts were used, the next wait would have passed the call's deadline, or the server
 * asked to wait ({@code Retry-After}) longer than what was left of the deadline.
 *
 * <p>{@link #lastFailure()} (also the {@link #getCause() cause}) is the last answer, with its own type:
 * {@link CloudflareRateLimitException}, {@link CloudflareServerException}, {@link CloudflareIOException}
 * or {@link CloudflareTimeoutException}. {@link #httpStatus()}, {@link #errors()} and
 * {@link #retryAfter()} are the last answer's. A write that fails with it may or may not have been
 * applied, but no attempt of it is still under way (the server answered the last one, or never got it); a
 * write whose last attempt had an unknown outcome fails with {@link CloudflareAmbiguousWriteException}
 * instead. Reads, value writes, deletes and bulk writes can be sent again later.
 */
public class CloudflareRetryExhaustedException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int attempts;

	private final Duration elapsed;

	private final CloudflareKVException lastFailure;

	CloudflareRetryExhaustedException(String message, int attempts, Duration elapsed, CloudflareKVException lastFailure) {
		super(message, lastFailure.httpStatus(), lastFailure.errors(), lastFailure.retryAfter(), lastFailure);
		this.attempts = attempts;
		this.elapsed = elapsed;
		this.lastFailure = lastFailure;
	}

	/** @return how many attempts were made, the first included */
	public int attempts() {
		return this.attempts;
	}

	/** @return how long the call took, waits included */
	public Duration elapsed() {
		return this.elapsed;
	}

	/** @return the failure of the last attempt */
	public CloudflareKVException lastFailure() {
		return this.lastFailure;
	}

}
