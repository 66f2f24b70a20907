package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.Objects;

import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

/**
 * How the REST client retries its idempotent calls with Resilience4j: reads, value writes and deletes, and
 * each request of a bulk write or delete. Immutable; change it with the {@code with…} methods.
 *
 * <p>A call is retried on HTTP 429, on 5xx other than 501, on connect and request timeouts and on dropped
 * connections; never on other 4xx answers (validation, authentication, missing namespace). The wait before
 * a retry is what the server asked for ({@code retry-after-ms}, else {@code Retry-After} in seconds or as an
 * HTTP date), otherwise exponential backoff with jitter: {@code initialBackoff × multiplier^(n-1)}, at most
 * {@code maxBackoff}, randomised by ± {@code jitter}. A call stops when it has made {@code maxAttempts}
 * attempts, or when the next wait would end after {@code deadline} (counted from the call's start); a
 * {@code Retry-After} longer than what is left of the deadline fails the call at once instead of sleeping.
 * Either way the caller gets a {@code CloudflareRetryExhaustedException} that says how many attempts were
 * made and what the last answer was.
 *
 * <dl>
 * <dt>enabled</dt><dd>{@code true}</dd>
 * <dt>maxAttempts</dt><dd>5, the first attempt included</dd>
 * <dt>initialBackoff</dt><dd>500 ms (at least 1 ms)</dd>
 * <dt>multiplier</dt><dd>2.0</dd>
 * <dt>jitter</dt><dd>0.25: each backoff is randomised within ± 25 %</dd>
 * <dt>maxBackoff</dt><dd>8 s, as Cloudflare's own SDK</dd>
 * <dt>deadline</dt><dd>30 s per call</dd>
 * <dt>maxRetryAfter</dt><dd>{@code null}: a server's {@code Retry-After} is honoured in full (within the
 * deadline). Set it only to shorten such waits, for example in tests against an emulator</dd>
 * <dt>registry</dt><dd>{@code null}: the client keeps its own {@link RetryRegistry}; give one to share
 * it (its retries are then named {@code cloudflare-kv.<binding>.<operation>} and tagged {@code binding} and
 * {@code operation})</dd>
 * </dl>
 *
 * <p>Limits: a value written from an {@link java.io.InputStream} is sent once and not retried, since the
 * stream cannot be read twice (unless write pacing held it back and buffered it). The deadline bounds the
 * waits between attempts, not an attempt itself, which the client's request timeout bounds.
 *
 * @param enabled whether calls are retried at all
 * @param maxAttempts the most attempts per call, the first included, 1..100
 * @param initialBackoff the first backoff when the server gave no {@code Retry-After}, at least 1 ms
 * @param multiplier how much each backoff grows, at least 1
 * @param jitter the randomisation factor of backoffs, 0..1
 * @param maxBackoff the longest backoff, at least {@code initialBackoff}
 * @param deadline the most time a call may spend, waits included, before it gives up; positive
 * @param maxRetryAfter the longest server-requested wait honoured as it is (longer ones are shortened to
 * it), or {@code null} to honour every {@code Retry-After} in full
 * @param registry the registry the client's retries are created in, or {@code null} for a private one
 */
public record RetryOptions(boolean enabled, int maxAttempts, Duration initialBackoff, double multiplier,
		double jitter, Duration maxBackoff, Duration deadline, @Nullable Duration maxRetryAfter,
		@Nullable RetryRegistry registry) {

	private static final int MAX_ATTEMPTS = 100;

	/**
	 * Validates the options.
	 * @throws IllegalArgumentException if a value is outside the range documented above
	 */
	public RetryOptions {
		Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		Objects.requireNonNull(deadline, "deadline must not be null");
		if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
			throw new IllegalArgumentException("maxAttempts must be 1.." + MAX_ATTEMPTS + " (the first attempt "
					+ "included), was " + maxAttempts);
		}
		if (initialBackoff.toMillis() < 1) {
			throw new IllegalArgumentException("initialBackoff must be at least 1 ms, was " + initialBackoff);
		}
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
		}
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new IllegalArgumentException("jitter must be 0..1, was " + jitter);
		}
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("maxBackoff " + maxBackoff + " must not be shorter than initialBackoff "
					+ initialBackoff);
		}
		if (deadline.isZero() || deadline.isNegative()) {
			throw new IllegalArgumentException("deadline must be positive, was " + deadline);
		}
		if (maxRetryAfter != null && maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + maxRetryAfter);
		}
	}

	/** @return the defaults listed above: enabled, 5 attempts, 500 ms doubling to 8 s, 30 s per call */
	public static RetryOptions defaults() {
		return new RetryOptions(true, 5, Duration.ofMillis(500), 2.0, 0.25, Duration.ofSeconds(8),
				Duration.ofSeconds(30), null, null);
	}

	/** @return the defaults, switched off: every call makes one attempt and fails as it failed */
	public static RetryOptions disabled() {
		return defaults().withEnabled(false);
	}

	/**
	 * @param enabled whether calls are retried
	 * @return a copy with this switch
	 */
	public RetryOptions withEnabled(boolean enabled) {
		return new RetryOptions(enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param maxAttempts the most attempts per call, the first included
	 * @return a copy with this bound
	 */
	public RetryOptions withMaxAttempts(int maxAttempts) {
		return new RetryOptions(this.enabled, maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param initialBackoff the first backoff
	 * @param multiplier how much each backoff grows
	 * @param maxBackoff the longest backoff
	 * @return a copy with this backoff
	 */
	public RetryOptions withBackoff(Duration initialBackoff, double multiplier, Duration maxBackoff) {
		return new RetryOptions(this.enabled, this.maxAttempts, initialBackoff, multiplier, this.jitter, maxBackoff,
				this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param jitter the randomisation factor of backoffs, 0..1
	 * @return a copy with this jitter
	 */
	public RetryOptions withJitter(double jitter) {
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param deadline the most time a call may spend, waits included
	 * @return a copy with this deadline
	 */
	public RetryOptions withDeadline(Duration deadline) {
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param maxRetryAfter the longest server-requested wait honoured as it is, or {@code null} for no cap
	 * @return a copy with this cap
	 */
	public RetryOptions withMaxRetryAfter(@Nullable Duration maxRetryAfter) {
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, maxRetryAfter, this.registry);
	}

	/**
	 * @param registry the registry to create the client's retries in, or {@code null} for a private one
	 * @return a copy with this registry
	 */
	public RetryOptions withRegistry(@Nullable RetryRegistry registry) {
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, registry);
	}

	@Override
	public String toString() {
		return "RetryOptions[enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialBackoff="
				+ this.initialBackoff + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter + ", maxBackoff="
				+ this.maxBackoff + ", deadline=" + this.deadline + ", maxRetryAfter=" + this.maxRetryAfter
				+ ", registry=" + ((this.registry != null) ? "shared" : "private") + "]";
	}

}
