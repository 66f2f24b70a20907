package io.github.workerskv.kv.emulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the emulator protects itself from slow, stuck or too many clients, so that one client cannot
 * make others wait: {@code KVEmulatorOptions.defaults().withServerLimits(ServerLimits.defaults()
 * .withMaxConcurrentRequests(32))}.
 *
 * <p>What the emulator does with them:
 * <ul>
 * <li>A request body is read in full before the request is served, without holding a thread while
 * its bytes are on their way, so slow uploads never take the server's threads.</li>
 * <li>{@link #minRequestDataRate()}: a body must arrive at this average rate (bytes per second since
 * the request's headers, after a first second that is always allowed); a slower one is refused with
 * 408 (code 10004) and the connection closed. 0 turns the check off.</li>
 * <li>{@link #idleTimeout()}: a connection on which nothing arrives for this long is closed; a body
 * that stalls this long is refused with 408 (code 10004).</li>
 * <li>{@link #maxConcurrentRequests()}: at most this many requests are in progress at once, from
 * their headers to the end of their answer; one more is refused at once with 503, {@code Retry-After}
 * and code 10005 instead of waiting in silence.</li>
 * </ul>
 *
 * <p>Limits: headers are read without a thread too, and are bounded by their size (8 KiB); the
 * number of open connections is not limited, nor the rate at which clients read answers.
 */
public final class ServerLimits {

	private static final ServerLimits DEFAULTS = new ServerLimits(1024, Duration.ofSeconds(30), 256);

	private final long minRequestDataRate;

	private final Duration idleTimeout;

	private final int maxConcurrentRequests;

	private ServerLimits(long minRequestDataRate, Duration idleTimeout, int maxConcurrentRequests) {
		if (minRequestDataRate < 0) {
			throw new IllegalArgumentException(
					"The minimum request data rate is 0 (off) or more bytes per second, not " + minRequestDataRate);
		}
		Objects.requireNonNull(idleTimeout, "idleTimeout must not be null");
		if (idleTimeout.compareTo(Duration.ofMillis(1)) < 0) {
			throw new IllegalArgumentException("The idle timeout must be at least 1 ms, not " + idleTimeout);
		}
		if (maxConcurrentRequests < 1) {
			throw new IllegalArgumentException(
					"At least 1 concurrent request must be allowed, not " + maxConcurrentRequests);
		}
		this.minRequestDataRate = minRequestDataRate;
		this.idleTimeout = idleTimeout;
		this.maxConcurrentRequests = maxConcurrentRequests;
	}

	/**
	 * @return bodies at 1,024 bytes per second or faster, a 30 s idle timeout (Jetty's default), 256
	 * requests at once
	 */
	public static ServerLimits defaults() {
		return DEFAULTS;
	}

	/**
	 * @param bytesPerSecond the least average rate of a request body after its first second, or 0
	 * for no minimum
	 * @return a copy with this rate
	 * @throws IllegalArgumentException if the rate is negative
	 */
	public ServerLimits withMinRequestDataRate(long bytesPerSecond) {
		return new ServerLimits(bytesPerSecond, this.idleTimeout, this.maxConcurrentRequests);
	}

	/**
	 * @param idleTimeout how long a connection or a request body may stay silent, at least 1 ms
	 * @return a copy with this timeout
	 * @throws IllegalArgumentException if the timeout is shorter than 1 ms
	 */
	public ServerLimits withIdleTimeout(Duration idleTimeout) {
		return new ServerLimits(this.minRequestDataRate, idleTimeout, this.maxConcurrentRequests);
	}

	/**
	 * @param maxConcurrentRequests how many requests may be in progress at once, at least 1
	 * @return a copy with this limit
	 * @throws IllegalArgumentException if the limit is below 1
	 */
	public ServerLimits withMaxConcurrentRequests(int maxConcurrentRequests) {
		return new ServerLimits(this.minRequestDataRate, this.idleTimeout, maxConcurrentRequests);
	}

	/** @return the least average rate of a request body in bytes per second, 0 for none */
	public long minRequestDataRate() {
		return this.minRequestDataRate;
	}

	/** @return how long a connection or a request body may stay silent */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/** @return how many requests may be in progress at once */
	public int maxConcurrentRequests() {
		return this.maxConcurrentRequests;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ServerLimits limits && limits.minRequestDataRate == this.minRequestDataRate
				&& limits.idleTimeout.equals(this.idleTimeout) && limits.maxConcurrentRequests == this.maxConcurrentRequests;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.minRequestDataRate, this.idleTimeout, this.maxConcurrentRequests);
	}

	@Override
	public String toString() {
		return "ServerLimits[minRequestDataRate=" + this.minRequestDataRate + " B/s, idleTimeout=" + this.idleTimeout
				+ ", maxConcurrentRequests=" + this.maxConcurrentRequests + "]";
	}

}
