package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;

/**
 * A write (a {@code put}, a {@code delete}, or one request of a bulk write or delete) whose outcome is
 * unknown: an attempt of it reached the server, or may have, and no answer came back that says the server is
 * done with it. The request timed out after it was sent, the connection broke after the whole request was
 * sent, or a gateway answered in the server's place (HTTP 502, 504, 520 or 524). The server may have applied
 * the write, may never apply it, or <em>may still apply it later</em>, even after a later write of the same
 * key: whoever writes the key next may be overwritten by this attempt.
 *
 * <p>That is why the client does not retry such a write by default: a retry could be acknowledged and then
 * be overtaken by the earlier attempt, so that a later acknowledged write is lost. This exception tells the
 * caller instead. What to do depends on the data: read the key later to see what it holds; write it again
 * once the attempt can no longer land; or, if the server is known to apply or drop a request within some
 * time, let the client retry such writes after that time with
 * {@link io.github.workerskv.kv.resilience.RetryOptions#withAmbiguousWriteSettleTime(Duration)}.
 *
 * <p>{@link #lastFailure()} (also the {@link #getCause() cause}) is the attempt's failure:
 * a {@link CloudflareTimeoutException}, a {@link CloudflareIOException}, or a
 * {@link CloudflareServerException} from a gateway; {@link #httpStatus()}, {@link #errors()} and
 * {@link #retryAfter()} are its. {@link #attempts()} counts the attempts made, this one included.
 *
 * <p>On Java 17 this can also happen, rarely and under load, with a healthy server: the JDK's
 * {@code HttpClient} may close a pooled connection just after handing it to a new request, because the
 * connection's idle watcher sees that request's answer arrive ({@code IOException: HTTP/1.1 header parser
 * received no bytes}, caused by "connection closed locally"). The server applied that write. Java 25's client
 * drops the watcher when the connection is handed out again; 17.0.15's does not.
 */
public class CloudflareAmbiguousWriteException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int attempts;

	private final Duration elapsed;

	private final CloudflareKVException lastFailure;

	CloudflareAmbiguousWriteException(String message, int attempts, Duration elapsed,
			CloudflareKVException lastFailure) {
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

	/** @return the failure of the attempt whose outcome is unknown */
	public CloudflareKVException lastFailure() {
		return this.lastFailure;
	}

}
