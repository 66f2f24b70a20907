package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.Objects;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.InvalidOptionException;
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
 * <p>A value outside the range of its {@code with…} method is refused with an
 * {@link InvalidOptionException} naming the option.
 */
public final class RetryOptions {

	private static final int MAX_ATTEMPTS = 100;

	private static final RetryOptions DEFAULTS = new RetryOptions(true, 5, Duration.ofMillis(500), 2.0, 0.25,
			Duration.ofSeconds(8), Duration.ofSeconds(30), null, null);

	private final boolean enabled;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double multiplier;

	private final double jitter;

	private final Duration maxBackoff;

	private final Duration deadline;

	private final @Nullable Duration maxRetryAfter;

	private final @Nullable RetryRegistry registry;

	private RetryOptions(boolean enabled, int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
			Duration maxBackoff, Duration deadline, @Nullable Duration maxRetryAfter, @Nullable RetryRegistry registry) {
		this.enabled = enabled;
		this.maxAttempts = maxAttempts;
		this.initialBackoff = initialBackoff;
		this.multiplier = multiplier;
		this.jitter = jitter;
		this.maxBackoff = maxBackoff;
		this.deadline = deadline;
		this.maxRetryAfter = maxRetryAfter;
		this.registry = registry;
	}

	/** @return the defaults listed above: enabled, 5 attempts, 500 ms doubling to 8 s, 30 s per call */
	public static RetryOptions defaults() {
		return DEFAULTS;
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
	 * @param maxAttempts the most attempts per call, the first included, 1..100
	 * @return a copy with this bound
	 */
	public RetryOptions withMaxAttempts(int maxAttempts) {
		if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
			throw new InvalidOptionException("maxAttempts", maxAttempts, "maxAttempts must be 1.." + MAX_ATTEMPTS
					+ " (the first attempt included), was " + maxAttempts);
		}
		return new RetryOptions(this.enabled, maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param initialBackoff the first backoff, at least 1 ms and not longer than {@link #maxBackoff()}
	 * @return a copy with this first backoff
	 */
	public RetryOptions withInitialBackoff(Duration initialBackoff) {
		Objects.requireNonNull(initialBackoff, "initialBackoff must not be null");
		if (initialBackoff.toMillis() < 1) {
			throw new InvalidOptionException("initialBackoff", initialBackoff,
					"initialBackoff must be at least 1 ms, was " + initialBackoff);
		}
		checkBackoffs(initialBackoff, this.maxBackoff, "initialBackoff");
		return new RetryOptions(this.enabled, this.maxAttempts, initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param multiplier how much each backoff grows, at least 1
	 * @return a copy with this growth
	 */
	public RetryOptions withMultiplier(double multiplier) {
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new InvalidOptionException("multiplier", multiplier, "multiplier must be at least 1, was " + multiplier);
		}
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param maxBackoff the longest backoff, not shorter than {@link #initialBackoff()}
	 * @return a copy with this bound
	 */
	public RetryOptions withMaxBackoff(Duration maxBackoff) {
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		checkBackoffs(this.initialBackoff, maxBackoff, "maxBackoff");
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param initialBackoff the first backoff
	 * @param multiplier how much each backoff grows
	 * @param maxBackoff the longest backoff
	 * @return a copy with this backoff
	 */
	public RetryOptions withBackoff(Duration initialBackoff, double multiplier, Duration maxBackoff) {
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		RetryOptions widened = (maxBackoff.compareTo(this.maxBackoff) > 0) ? withMaxBackoff(maxBackoff) : this;
		return widened.withInitialBackoff(initialBackoff).withMultiplier(multiplier).withMaxBackoff(maxBackoff);
	}

	/**
	 * @param jitter the randomisation factor of backoffs, 0..1
	 * @return a copy with this jitter
	 */
	public RetryOptions withJitter(double jitter) {
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new InvalidOptionException("jitter", jitter, "jitter must be 0..1, was " + jitter);
		}
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param deadline the most time a call may spend, waits included; positive
	 * @return a copy with this deadline
	 */
	public RetryOptions withDeadline(Duration deadline) {
		Objects.requireNonNull(deadline, "deadline must not be null");
		if (deadline.isZero() || deadline.isNegative()) {
			throw new InvalidOptionException("deadline", deadline, "deadline must be positive, was " + deadline);
		}
		return new RetryOptions(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, deadline, this.maxRetryAfter, this.registry);
	}

	/**
	 * @param maxRetryAfter the longest server-requested wait honoured as it is, or {@code null} for no cap
	 * @return a copy with this cap
	 */
	public RetryOptions withMaxRetryAfter(@Nullable Duration maxRetryAfter) {
		if (maxRetryAfter != null && maxRetryAfter.isNegative()) {
			throw new InvalidOptionException("maxRetryAfter", maxRetryAfter,
					"maxRetryAfter must not be negative, was " + maxRetryAfter);
		}
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

	/** @return whether calls are retried at all */
	public boolean enabled() {
		return this.enabled;
	}

	/** @return the most attempts per call, the first included */
	public int maxAttempts() {
		return this.maxAttempts;
	}

	/** @return the first backoff when the server gave no {@code Retry-After} */
	public Duration initialBackoff() {
		return this.initialBackoff;
	}

	/** @return how much each backoff grows */
	public double multiplier() {
		return this.multiplier;
	}

	/** @return the randomisation factor of backoffs */
	public double jitter() {
		return this.jitter;
	}

	/** @return the longest backoff */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/** @return the most time a call may spend, waits included */
	public Duration deadline() {
		return this.deadline;
	}

	/** @return the longest server-requested wait honoured as it is, or {@code null} for no cap */
	public @Nullable Duration maxRetryAfter() {
		return this.maxRetryAfter;
	}

	/** @return the registry the client's retries are created in, or {@code null} for a private one */
	public @Nullable RetryRegistry registry() {
		return this.registry;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RetryOptions that && this.enabled == that.enabled && this.maxAttempts == that.maxAttempts
				&& this.initialBackoff.equals(that.initialBackoff) && this.multiplier == that.multiplier
				&& this.jitter == that.jitter && this.maxBackoff.equals(that.maxBackoff)
				&& this.deadline.equals(that.deadline) && Objects.equals(this.maxRetryAfter, that.maxRetryAfter)
				&& this.registry == that.registry;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter);
	}

	@Override
	public String toString() {
		return "RetryOptions[enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialBackoff="
				+ this.initialBackoff + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter + ", maxBackoff="
				+ this.maxBackoff + ", deadline=" + this.deadline + ", maxRetryAfter=" + this.maxRetryAfter
				+ ", registry=" + ((this.registry != null) ? "shared" : "private") + "]";
	}

	private static void checkBackoffs(Duration initialBackoff, Duration maxBackoff, String option) {
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new InvalidOptionException(option, option.equals("maxBackoff") ? maxBackoff : initialBackoff,
					"maxBackoff " + maxBackoff + " must not be shorter than initialBackoff " + initialBackoff);
		}
	}

}
