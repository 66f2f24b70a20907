package io.github.workerskv.kv.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * One outcome that {@link Faults} forces on a request instead of (or before) its normal answer.
 *
 * <ul>
 * <li>{@link #rateLimited(Duration)}: HTTP 429 with {@code Retry-After} and error code 971, as
 * Cloudflare answers a throttled client.</li>
 * <li>{@link #serverError(int)}: an HTTP 5xx with a v4 error envelope.</li>
 * <li>{@link #dropConnection()}: the connection is closed without any response.</li>
 * <li>{@link #delay(Duration)}: the request waits, then is answered normally.</li>
 * </ul>
 */
public sealed interface Fault {

	/**
	 * @param retryAfter the {@code Retry-After} to send (whole seconds, rounded up, at least 1)
	 * @return a 429 answer
	 */
	static Fault rateLimited(Duration retryAfter) {
		return new RateLimited(retryAfter);
	}

	/**
	 * @param status 500..599
	 * @return an answer with this status
	 */
	static Fault serverError(int status) {
		return new ServerError(status);
	}

	/** @return a connection closed without a response */
	static Fault dropConnection() {
		return new DropConnection();
	}

	/**
	 * @param delay how long the request waits before it is answered normally (at most 5 minutes)
	 * @return a delay
	 */
	static Fault delay(Duration delay) {
		return new Delay(delay);
	}

	/**
	 * HTTP 429 with {@code Retry-After}.
	 * @param retryAfter the wait to announce; sent in whole seconds, rounded up, at least 1
	 */
	record RateLimited(Duration retryAfter) implements Fault {

		public RateLimited {
			Objects.requireNonNull(retryAfter, "retryAfter must not be null");
			if (retryAfter.isNegative()) {
				throw new IllegalArgumentException("retryAfter must not be negative");
			}
		}

		/** @return the {@code Retry-After} header value in seconds */
		public long retryAfterSeconds() {
			long seconds = this.retryAfter.getSeconds() + ((this.retryAfter.getNano() > 0) ? 1 : 0);
			return Math.max(1, seconds);
		}

	}

	/**
	 * An HTTP 5xx answer with an error envelope.
	 * @param status 500..599
	 */
	record ServerError(int status) implements Fault {

		public ServerError {
			if (status < 500 || status > 599) {
				throw new IllegalArgumentException("A server error status is 500..599, not " + status);
			}
		}

	}

	/** The connection is closed without a response. */
	record DropConnection() implements Fault {
	}

	/**
	 * The request waits, then is answered normally.
	 * @param delay at most 5 minutes
	 */
	record Delay(Duration delay) implements Fault {

		public Delay {
			Faults.checkDelay(delay);
		}

	}

}
