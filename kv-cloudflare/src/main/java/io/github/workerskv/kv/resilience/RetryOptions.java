package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;

/**
 * How the REST client retries its calls with Resilience4j: reads, value writes and deletes, and each request
 * of a bulk write or delete. Immutable; change it with the {@code with…} methods.
 *
 * <p>Which failed attempts are sent again:
 * <table>
 * <caption>what is retried</caption>
 * <tr><th>failure of an attempt</th><th>reads (get, getWithMetadata, bulk get, list, namespace reads)</th>
 * <th>writes (put, delete, each request of bulkPut and bulkDelete)</th></tr>
 * <tr><td>no connection (refused, connect timeout, TLS handshake), the client's own request budget</td>
 * <td>retried</td><td>retried: the server never got the request</td></tr>
 * <tr><td>the connection broke before the whole body was handed to it</td><td>retried</td><td>retried:
 * the server cannot have the whole request</td></tr>
 * <tr><td>HTTP 429 (with its {@code Retry-After}), 500, 503 and other 5xx but 501, 502, 504, 520,
 * 524</td><td>retried</td><td>retried: the server answered, so it is done with the attempt</td></tr>
 * <tr><td>no answer within the request timeout after the request was sent; the connection broke after the
 * request was sent; HTTP 502, 504, 520, 524 (a gateway answering in the server's place)</td><td>retried</td>
 * <td><em>not retried</em> by default: the outcome is unknown, and the attempt may still be applied later
 * (see below); the call fails with {@code CloudflareAmbiguousWriteException}</td></tr>
 * <tr><td>HTTP 501, any other 4xx (validation, authentication, a missing namespace), a 2xx that is not the
 * API's answer, an interrupted thread</td><td>not retried</td><td>not retried</td></tr>
 * </table>
 * Creating, renaming and deleting namespaces are never retried, and neither is a value written from an
 * {@link java.io.InputStream}, which cannot be read twice (unless write pacing held it back and buffered it).
 *
 * <p>Why writes with an unknown outcome are not retried: an attempt that got no answer may still be applied
 * by the server after the client gave up on it. If the client sent the write again, acknowledged it, and the
 * caller then wrote the key again, the first attempt could land last and undo that later, acknowledged
 * write. So by default the client never acknowledges such a write; it throws
 * {@code CloudflareAmbiguousWriteException} and leaves the decision to the caller. Set
 * {@link #withAmbiguousWriteSettleTime(Duration) ambiguousWriteSettleTime} to have such writes retried once
 * that time has passed since the attempt was given up, if the server is known to apply or drop a request
 * within it (with write pacing on, the key's next write waits for it too). Cloudflare documents no such
 * bound for its API; its proxy gives up waiting for an origin's answer after 120 s (HTTP 524).
 *
 * <p>The wait before a retry is what the server asked for ({@code retry-after-ms}, else {@code Retry-After}
 * in seconds or as an HTTP date), otherwise exponential backoff with jitter:
 * {@code initialBackoff × multiplier^(n-1)}, at most {@code maxBackoff}, randomised by ± {@code jitter}; for
 * a write with an unknown outcome, the settle time. A call stops when it has made {@code maxAttempts}
 * attempts, or when the next wait would end after {@code deadline} (counted from the call's start); a
 * {@code Retry-After} longer than what is left of the deadline fails the call at once instead of sleeping.
 * Either way the caller gets a {@code CloudflareRetryExhaustedException} that says how many attempts were
 * made and what the last answer was (a {@code CloudflareAmbiguousWriteException} if that was a write's
 * attempt with an unknown outcome).
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
 * <dt>ambiguousWriteSettleTime</dt><dd>{@code null}: a write whose attempt has an unknown outcome is not
 * retried. A duration: it is retried once that long has passed since the attempt was given up</dd>
 * <dt>registry</dt><dd>{@code null}: the client keeps its own {@link RetryRegistry}; give one to share
 * it (its retries are then named {@code cloudflare-kv.<binding>.<operation>} and tagged {@code binding} and
 * {@code operation})</dd>
 * </dl>
 *
 * <p>Limits: the deadline bounds the waits between attempts, not an attempt itself, which the client's
 * request timeout bounds.
 *
 * <p>A value outside the range of its {@code with…} method is refused with an
 * {@link InvalidOptionException} naming the option.
 */
public final class RetryOptions {

	private static final int MAX_ATTEMPTS = 100;

	private static final RetryOptions DEFAULTS = new RetryOptions(new Settings());

	private final boolean enabled;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double multiplier;

	private final double jitter;

	private final Duration maxBackoff;

	private final Duration deadline;

	private final @Nullable Duration maxRetryAfter;

	private final @Nullable Duration ambiguousWriteSettleTime;

	private final @Nullable RetryRegistry registry;

	private RetryOptions(Settings settings) {
		this.enabled = settings.enabled;
		this.maxAttempts = settings.maxAttempts;
		this.initialBackoff = settings.initialBackoff;
		this.multiplier = settings.multiplier;
		this.jitter = settings.jitter;
		this.maxBackoff = settings.maxBackoff;
		this.deadline = settings.deadline;
		this.maxRetryAfter = settings.maxRetryAfter;
		this.ambiguousWriteSettleTime = settings.ambiguousWriteSettleTime;
		this.registry = settings.registry;
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
		return with((settings) -> settings.enabled = enabled);
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
		return with((settings) -> settings.maxAttempts = maxAttempts);
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
		return with((settings) -> settings.initialBackoff = initialBackoff);
	}

	/**
	 * @param multiplier how much each backoff grows, at least 1
	 * @return a copy with this growth
	 */
	public RetryOptions withMultiplier(double multiplier) {
		if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
			throw new InvalidOptionException("multiplier", multiplier, "multiplier must be at least 1, was " + multiplier);
		}
		return with((settings) -> settings.multiplier = multiplier);
	}

	/**
	 * @param maxBackoff the longest backoff, not shorter than {@link #initialBackoff()}
	 * @return a copy with this bound
	 */
	public RetryOptions withMaxBackoff(Duration maxBackoff) {
		Objects.requireNonNull(maxBackoff, "maxBackoff must not be null");
		checkBackoffs(this.initialBackoff, maxBackoff, "maxBackoff");
		return with((settings) -> settings.maxBackoff = maxBackoff);
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
		return with((settings) -> settings.jitter = jitter);
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
		return with((settings) -> settings.deadline = deadline);
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
		return with((settings) -> settings.maxRetryAfter = maxRetryAfter);
	}

	/**
	 * Opts in to retrying writes whose outcome is unknown, after a settle time. Set it only when the server
	 * is known to apply or drop a request within this time after the client gave up on it: the retry's
	 * acknowledgement is only true if the earlier attempt cannot land after it.
	 * @param ambiguousWriteSettleTime how long after an attempt with an unknown outcome the write is sent
	 * again (positive), or {@code null} (the default) not to retry such writes
	 * @return a copy with this settle time
	 */
	public RetryOptions withAmbiguousWriteSettleTime(@Nullable Duration ambiguousWriteSettleTime) {
		if (ambiguousWriteSettleTime != null
				&& (ambiguousWriteSettleTime.isZero() || ambiguousWriteSettleTime.isNegative())) {
			throw new InvalidOptionException("ambiguousWriteSettleTime", ambiguousWriteSettleTime,
					"ambiguousWriteSettleTime must be positive (or not set, so that such writes are not retried), was "
							+ ambiguousWriteSettleTime);
		}
		return with((settings) -> settings.ambiguousWriteSettleTime = ambiguousWriteSettleTime);
	}

	/**
	 * @param registry the registry to create the client's retries in, or {@code null} for a private one
	 * @return a copy with this registry
	 */
	public RetryOptions withRegistry(@Nullable RetryRegistry registry) {
		return with((settings) -> settings.registry = registry);
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

	/**
	 * @return how long after an attempt with an unknown outcome a write is sent again, or {@code null} if
	 * such writes are not retried
	 */
	public @Nullable Duration ambiguousWriteSettleTime() {
		return this.ambiguousWriteSettleTime;
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
				&& Objects.equals(this.ambiguousWriteSettleTime, that.ambiguousWriteSettleTime)
				&& this.registry == that.registry;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.enabled, this.maxAttempts, this.initialBackoff, this.multiplier, this.jitter,
				this.maxBackoff, this.deadline, this.maxRetryAfter, this.ambiguousWriteSettleTime);
	}

	@Override
	public String toString() {
		return "RetryOptions[enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialBackoff="
				+ this.initialBackoff + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter + ", maxBackoff="
				+ this.maxBackoff + ", deadline=" + this.deadline + ", maxRetryAfter=" + this.maxRetryAfter
				+ ", ambiguousWriteSettleTime=" + this.ambiguousWriteSettleTime + ", registry="
				+ ((this.registry != null) ? "shared" : "private") + "]";
	}

	private static void checkBackoffs(Duration initialBackoff, Duration maxBackoff, String option) {
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new InvalidOptionException(option, option.equals("maxBackoff") ? maxBackoff : initialBackoff,
					"maxBackoff " + maxBackoff + " must not be shorter than initialBackoff " + initialBackoff);
		}
	}

	private RetryOptions with(Consumer<Settings> change) {
		Settings settings = new Settings(this);
		change.accept(settings);
		return new RetryOptions(settings);
	}

	/** The mutable copy that a {@code with…} method changes one field of. */
	private static final class Settings {

		private boolean enabled = true;

		private int maxAttempts = 5;

		private Duration initialBackoff = Duration.ofMillis(500);

		private double multiplier = 2.0;

		private double jitter = 0.25;

		private Duration maxBackoff = Duration.ofSeconds(8);

		private Duration deadline = Duration.ofSeconds(30);

		private @Nullable Duration maxRetryAfter;

		private @Nullable Duration ambiguousWriteSettleTime;

		private @Nullable RetryRegistry registry;

		Settings() {
		}

		Settings(RetryOptions options) {
			this.enabled = options.enabled;
			this.maxAttempts = options.maxAttempts;
			this.initialBackoff = options.initialBackoff;
			this.multiplier = options.multiplier;
			this.jitter = options.jitter;
			this.maxBackoff = options.maxBackoff;
			this.deadline = options.deadline;
			this.maxRetryAfter = options.maxRetryAfter;
			this.ambiguousWriteSettleTime = options.ambiguousWriteSettleTime;
			this.registry = options.registry;
		}

	}

}
