package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.resilience.ResilienceListener;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.jspecify.annotations.Nullable;

/**
 * Runs the client's calls with Resilience4j {@link Retry}s, one per binding and operation, named
 * {@code cloudflare-kv.<binding>.<operation>} and tagged {@code binding} and {@code operation} in the
 * {@link RetryRegistry} of the {@link RetryOptions}.
 *
 * <p>What is retried is {@link #retryable(Throwable)}; how long to wait is {@link RetryWaits}', handed to
 * Resilience4j as an {@link IntervalBiFunction} that returns a negative interval (Resilience4j then stops)
 * when the call should give up. Resilience4j sleeps between attempts. A call that can be retried and fails
 * for good ends in a {@link CloudflareRetryExhaustedException}; any other failure is thrown as it is. Every
 * call, retried or not, runs in its {@link CallContext} and reports each 429 to the listener.
 */
final class Retrier {

	/** The call running on this thread, read by the interval function (Resilience4j calls it on this thread). */
	private static final ThreadLocal<CallState> STATE = new ThreadLocal<>();

	private final RetryOptions options;

	private final ResilienceListener listener;

	private final LongSupplier nanoTime;

	private final RetryWaits waits;

	private final RetryRegistry registry;

	private final RetryConfig config;

	Retrier(RetryOptions options, ResilienceListener listener, LongSupplier nanoTime) {
		this.options = options;
		this.listener = listener;
		this.nanoTime = nanoTime;
		this.waits = new RetryWaits(options);
		this.registry = (options.registry() != null) ? options.registry() : RetryRegistry.ofDefaults();
		this.config = RetryConfig.custom()
			.maxAttempts(options.maxAttempts())
			.retryOnException(Retrier::retryable)
			.intervalBiFunction((IntervalBiFunction<Object>) this::interval)
			.build();
	}

	/**
	 * @param failure a failed attempt's exception
	 * @return whether the call may be tried again: 429, 5xx except 501, timeouts and broken connections
	 * (but not a response that is not the API's, nor an interrupted thread, nor the client's own budget)
	 */
	static boolean retryable(Throwable failure) {
		if (failure instanceof CloudflareRateLimitException) {
			return true;
		}
		if (failure instanceof CloudflareServerException server) {
			return server.httpStatus() != 501;
		}
		if (failure instanceof CloudflareMalformedResponseException) {
			return false;
		}
		if (failure instanceof CloudflareIOException) {
			Throwable cause = failure.getCause();
			for (int depth = 0; cause != null && depth < 20; depth++) {
				if (cause instanceof InterruptedException) {
					return false;
				}
				cause = cause.getCause();
			}
			return !Thread.currentThread().isInterrupted();
		}
		return false;
	}

	RetryRegistry registry() {
		return this.registry;
	}

	boolean enabled() {
		return this.options.enabled() && this.options.maxAttempts() > 1;
	}

	int maxAttempts() {
		return enabled() ? this.options.maxAttempts() : 1;
	}

	/**
	 * @param round the round that left keys unconfirmed, from 1
	 * @return how long to wait before the next round of a bulk call
	 */
	Duration backoff(int round) {
		return this.waits.backoff(round);
	}

	/**
	 * Runs an idempotent call, retrying it as the options say.
	 * @param binding the namespace's name
	 * @param operation the operation
	 * @param attempt one attempt; throws {@link CloudflareKVException}s
	 * @param <T> the result
	 * @return the result of the first successful attempt
	 */
	<T> T call(String binding, String operation, Supplier<T> attempt) {
		CallContext context = new CallContext(binding, operation);
		if (!enabled()) {
			return once(context, attempt);
		}
		return context.run(() -> retry(context, attempt));
	}

	/**
	 * Runs a call once, as a call that may not be retried (say a value streamed from the caller).
	 * @param binding the namespace's name
	 * @param operation the operation
	 * @param attempt the call
	 * @param <T> the result
	 * @return its result
	 */
	<T> T once(String binding, String operation, Supplier<T> attempt) {
		return once(new CallContext(binding, operation), attempt);
	}

	private <T> T once(CallContext context, Supplier<T> attempt) {
		return context.run(() -> {
			try {
				return attempt.get();
			}
			catch (CloudflareKVException ex) {
				reportRateLimit(context, ex);
				throw ex;
			}
		});
	}

	@SuppressWarnings("unchecked")
	private <T> T retry(CallContext context, Supplier<T> attempt) {
		Retry retry = this.registry.retry("cloudflare-kv." + context.binding() + "." + context.operation(), this.config,
				Map.of("binding", context.binding(), "operation", context.operation()));
		Retry.Context<T> retryContext = retry.context();
		CallState state = new CallState(context, this.nanoTime.getAsLong());
		@Nullable CallState previous = STATE.get();
		STATE.set(state);
		try {
			for (int number = 1; number <= this.options.maxAttempts(); number++) {
				state.attempts = number;
				try {
					T result = attempt.get();
					retryContext.onComplete();
					return result;
				}
				catch (CloudflareKVException ex) {
					reportRateLimit(context, ex);
					try {
						retryContext.onRuntimeError(ex);
					}
					catch (CloudflareKVException last) {
						throw giveUp(state, last);
					}
				}
			}
			throw new IllegalStateException("Resilience4j allowed more than " + this.options.maxAttempts() + " attempts");
		}
		finally {
			if (previous != null) {
				STATE.set(previous);
			}
			else {
				STATE.remove();
			}
		}
	}

	/** The interval function: the wait in milliseconds, or -1 to stop. */
	private Long interval(Integer attempt, Either<Throwable, Object> outcome) {
		CallState state = STATE.get();
		Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
		if (state == null) {
			return this.waits.backoff(attempt).toMillis();
		}
		RetryWaits.Decision decision = this.waits.next(attempt, failure, elapsed(state));
		Duration wait = decision.delay();
		if (wait == null) {
			state.giveUpReason = decision.giveUpReason();
			return -1L;
		}
		if (failure != null) {
			this.listener.onRetry(state.context.binding(), state.context.operation(), attempt, failure, wait);
		}
		long millis = wait.toMillis();
		return (wait.toNanos() > millis * 1_000_000L) ? millis + 1 : millis;
	}

	private CloudflareKVException giveUp(CallState state, CloudflareKVException last) {
		if (!retryable(last)) {
			return last;
		}
		this.listener.onGiveUp(state.context.binding(), state.context.operation(), state.attempts, last);
		Duration elapsed = elapsed(state);
		String why;
		if (state.giveUpReason != null) {
			why = state.giveUpReason;
		}
		else if (Thread.currentThread().isInterrupted()) {
			why = "the thread was interrupted while waiting to retry";
		}
		else {
			why = "all " + state.attempts + " attempts failed";
		}
		String message = state.context.operation() + " on " + state.context.binding() + " gave up after "
				+ state.attempts + ((state.attempts == 1) ? " attempt" : " attempts") + " in "
				+ RetryWaits.describe(elapsed) + ": " + why + ". Last answer: " + last.getMessage();
		return new CloudflareRetryExhaustedException(message, state.attempts, elapsed, last);
	}

	private void reportRateLimit(CallContext context, CloudflareKVException failure) {
		if (failure instanceof CloudflareRateLimitException) {
			this.listener.onRateLimited(context.binding(), context.operation(), failure.retryAfter());
		}
	}

	private Duration elapsed(CallState state) {
		return Duration.ofNanos(this.nanoTime.getAsLong() - state.startNanos);
	}

	/** One call in progress; only its own thread touches it. */
	private static final class CallState {

		private final CallContext context;

		private final long startNanos;

		private int attempts;

		private @Nullable String giveUpReason;

		CallState(CallContext context, long startNanos) {
			this.context = context;
			this.startNanos = startNanos;
		}

	}

}
