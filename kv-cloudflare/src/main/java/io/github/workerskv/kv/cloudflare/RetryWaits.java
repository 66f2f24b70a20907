package io.github.workerskv.kv.cloudflare;

import java.time.Duration;

import io.github.resilience4j.core.IntervalFunction;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.jspecify.annotations.Nullable;

/**
 * Decides how long to wait before the next attempt of a call, or that the call gives up: the server's
 * {@code Retry-After} (shortened to {@link RetryOptions#maxRetryAfter()} when set) if it sent one,
 * otherwise Resilience4j's exponential random backoff; and no wait at all, but giving up, when the wait
 * would end after the call's deadline.
 */
final class RetryWaits {

	private final RetryOptions options;

	private final IntervalFunction backoff;

	RetryWaits(RetryOptions options) {
		this.options = options;
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(options.initialBackoff().toMillis(),
				options.multiplier(), options.jitter(), options.maxBackoff().toMillis());
	}

	/**
	 * @param attempt the attempt that failed, from 1
	 * @return the backoff after it, ignoring any {@code Retry-After}
	 */
	Duration backoff(int attempt) {
		return Duration.ofMillis(this.backoff.apply(Math.max(1, attempt)));
	}

	/**
	 * @param attempt the attempt that failed, from 1
	 * @param failure why it failed
	 * @param elapsed how long the call has taken so far
	 * @return the wait, or why the call gives up now
	 */
	Decision next(int attempt, @Nullable Throwable failure, Duration elapsed) {
		Duration requested = (failure instanceof CloudflareKVException cloudflare) ? cloudflare.retryAfter() : null;
		Duration wait;
		if (requested != null) {
			Duration cap = this.options.maxRetryAfter();
			wait = (cap != null && requested.compareTo(cap) > 0) ? cap : requested;
		}
		else {
			wait = backoff(attempt);
		}
		Duration deadline = this.options.deadline();
		Duration left = deadline.minus(elapsed);
		if (wait.compareTo(left) > 0) {
			String why = (requested != null)
					? "the server asked to wait " + describe(requested) + ", more than the " + describe(left)
							+ " left of the call's " + describe(deadline) + " deadline"
					: "the next wait of " + describe(wait) + " would pass the call's " + describe(deadline)
							+ " deadline";
			return Decision.giveUp(why);
		}
		return Decision.waitFor(wait);
	}

	/**
	 * @param settle how long to wait before a write whose attempt has an unknown outcome is sent again
	 * @param elapsed how long the call has taken so far
	 * @return the wait, or why the call gives up now
	 */
	Decision settle(Duration settle, Duration elapsed) {
		Duration deadline = this.options.deadline();
		Duration left = deadline.minus(elapsed);
		if (settle.compareTo(left) > 0) {
			return Decision.giveUp("its settle time of " + describe(settle) + " is more than the " + describe(left)
					+ " left of the call's " + describe(deadline) + " deadline");
		}
		return Decision.waitFor(settle);
	}

	static String describe(Duration duration) {
		if (duration.isNegative()) {
			return "0 ms";
		}
		long millis = duration.toMillis();
		return (millis < 10_000) ? millis + " ms" : (millis / 1000) + " s";
	}

	/**
	 * What happens after a failed attempt.
	 * @param delay how long to wait before the next attempt, or {@code null} to give up
	 * @param giveUpReason why the call gives up, or {@code null} if it waits
	 */
	record Decision(@Nullable Duration delay, @Nullable String giveUpReason) {

		static Decision waitFor(Duration delay) {
			return new Decision(delay, null);
		}

		static Decision giveUp(String reason) {
			return new Decision(null, reason);
		}

	}

}
