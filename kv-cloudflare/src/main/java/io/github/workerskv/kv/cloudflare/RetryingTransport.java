package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.jspecify.annotations.Nullable;

/**
 * The retry layer of the client's {@link Transport} stack: sends a request again after a failure that may
 * pass (429, 5xx other than 501, timeouts, dropped connections) when the request is
 * {@link ApiRequest#retryable() retryable}, waiting what {@code Retry-After} asks or backing off, within the
 * attempts and the deadline of the {@link RetryOptions}. A request that fails for good after retries ends in
 * a {@link CloudflareRetryExhaustedException}; any other failure is thrown as it is.
 *
 * <p>A write is sent again only when no earlier attempt of it can be applied after the retry: after the
 * server answered (429, 500, 503, ...), or when the request never reached it in full (no connection, or the
 * connection broke before the whole body was handed over), see {@link Delivery}. An attempt with an unknown
 * outcome (a timeout or a broken connection after the request was sent, a gateway's 502, 504, 520 or 524)
 * may still be applied later; a retry of it could be acknowledged and then overtaken by it, and a later
 * write of the key acknowledged after the retry would be lost without anyone being told. So such a write
 * ends at once in a {@link CloudflareAmbiguousWriteException}, with retries on or off, unless
 * {@link RetryOptions#ambiguousWriteSettleTime()} is set: then it is sent again only after that time, which
 * the user vouches is long enough for the earlier attempt to be applied or dropped.
 *
 * <p>Resilience4j keeps the count, publishes its events and sleeps: each request runs in a {@link Retry}
 * of the options' registry named {@code cloudflare-kv.<binding>.<operation>} and tagged {@code binding} and
 * {@code operation}, looked up once per name. How long to wait is decided here, per attempt, with the
 * request's own elapsed time ({@link RetryWaits}), and handed to Resilience4j's interval function inside
 * the failure itself ({@link PlannedRetry}), so that nothing about a request is kept per thread.
 */
final class RetryingTransport implements Transport {

	private final Transport delegate;

	private final RetryOptions options;

	private final KVListener listener;

	private final LongSupplier nanoTime;

	private final RetryWaits waits;

	private final RetryRegistry registry;

	private final RetryConfig config;

	/** The retry of each binding and operation. */
	private final Map<String, Map<String, Retry>> retries = new ConcurrentHashMap<>();

	RetryingTransport(Transport delegate, RetryOptions options, KVListener listener, LongSupplier nanoTime) {
		this.delegate = delegate;
		this.options = options;
		this.listener = listener;
		this.nanoTime = nanoTime;
		this.waits = new RetryWaits(options);
		this.registry = (options.registry() != null) ? options.registry() : RetryRegistry.ofDefaults();
		this.config = RetryConfig.custom()
			.maxAttempts(options.maxAttempts())
			.retryOnException((failure) -> failure instanceof PlannedRetry planned && planned.retry)
			.intervalBiFunction((IntervalBiFunction<Object>) (attempt, outcome) -> outcome.isLeft()
					&& outcome.getLeft() instanceof PlannedRetry planned ? planned.waitMillis : -1L)
			.build();
	}

	/**
	 * @param failure a failed attempt's exception
	 * @return whether the request may be tried again: 429, 5xx except 501, timeouts and broken connections
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

	/** @return the registry that holds the retries */
	RetryRegistry registry() {
		return this.registry;
	}

	/** @return how many rounds a bulk call may make: the attempts when retries are on, else 1 */
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

	@Override
	public ApiResponse send(ApiRequest request) {
		if (!enabled() || !request.retryable()) {
			return once(request);
		}
		Call call = request.call();
		Retry.Context<Object> retry = retry(call).context();
		long start = this.nanoTime.getAsLong();
		for (int attempt = 1;; attempt++) {
			ApiResponse response;
			try {
				response = this.delegate.send(request);
			}
			catch (CloudflareKVException ex) {
				reportRateLimit(call, ex);
				PlannedRetry planned = plan(request, attempt, ex, start);
				try {
					retry.onRuntimeError(planned);
				}
				catch (PlannedRetry last) {
					throw giveUp(call, attempt, last, start);
				}
				if (planned.wait != null) {
					this.listener.onRetry(call.binding(), call.operation(), attempt, ex, planned.wait);
				}
				call.trace().retried();
				continue;
			}
			retry.onComplete();
			return response;
		}
	}

	private boolean enabled() {
		return this.options.enabled() && this.options.maxAttempts() > 1;
	}

	private ApiResponse once(ApiRequest request) {
		long start = this.nanoTime.getAsLong();
		try {
			return this.delegate.send(request);
		}
		catch (CloudflareKVException ex) {
			reportRateLimit(request.call(), ex);
			if (unknownOutcome(request, ex)) {
				throw ambiguous(request.call(), 1, ex, start, "it was sent once: "
						+ (enabled() ? "its body is the caller's stream, which cannot be read again" : "retries are off"));
			}
			throw ex;
		}
	}

	/** Whether a failed attempt of a write may still be applied later. */
	private static boolean unknownOutcome(ApiRequest request, CloudflareKVException failure) {
		return request.writes() && Delivery.of(failure) == Delivery.UNKNOWN;
	}

	/** The call's retry, looked up by binding and then operation, so that no key is built per call. */
	private Retry retry(Call call) {
		Map<String, Retry> byOperation = this.retries.get(call.binding());
		if (byOperation == null) {
			byOperation = this.retries.computeIfAbsent(call.binding(), (binding) -> new ConcurrentHashMap<>());
		}
		Retry retry = byOperation.get(call.operation());
		if (retry == null) {
			retry = byOperation.computeIfAbsent(call.operation(),
					(operation) -> this.registry.retry("cloudflare-kv." + call.binding() + "." + operation, this.config,
							Map.of("binding", call.binding(), "operation", operation)));
		}
		return retry;
	}

	/**
	 * Decides what follows a failed attempt: not retryable, a wait, or giving up before the deadline; for a
	 * write whose attempt has an unknown outcome, giving up unless a settle time is set, and then waiting it.
	 */
	private PlannedRetry plan(ApiRequest request, int attempt, CloudflareKVException failure, long start) {
		boolean unknown = unknownOutcome(request, failure);
		if (!retryable(failure)) {
			return new PlannedRetry(failure, false, unknown, null,
					unknown ? "it was not retried, since the thread was interrupted" : null);
		}
		if (unknown) {
			Duration settle = this.options.ambiguousWriteSettleTime();
			if (settle == null) {
				return new PlannedRetry(failure, false, true, null, "it was not retried, since a retry could be "
						+ "overtaken by this attempt (no ambiguousWriteSettleTime is set)");
			}
			RetryWaits.Decision decision = this.waits.settle(settle, elapsed(start));
			return new PlannedRetry(failure, true, true, decision.delay(), decision.giveUpReason());
		}
		RetryWaits.Decision decision = this.waits.next(attempt, failure, elapsed(start));
		return new PlannedRetry(failure, true, false, decision.delay(), decision.giveUpReason());
	}

	private CloudflareKVException giveUp(Call call, int attempts, PlannedRetry last, long start) {
		CloudflareKVException failure = last.failure;
		if (last.unknownOutcome) {
			if (last.retry) {
				this.listener.onGiveUp(call.binding(), call.operation(), attempts, failure);
			}
			String why = (last.giveUpReason != null) ? last.giveUpReason
					: "all " + attempts + " attempts were used, the last one with this outcome";
			return ambiguous(call, attempts, failure, start, why);
		}
		if (!last.retry) {
			return failure;
		}
		this.listener.onGiveUp(call.binding(), call.operation(), attempts, failure);
		Duration elapsed = elapsed(start);
		String why;
		if (last.giveUpReason != null) {
			why = last.giveUpReason;
		}
		else if (Thread.currentThread().isInterrupted()) {
			why = "the thread was interrupted while waiting to retry";
		}
		else {
			why = "all " + attempts + " attempts failed";
		}
		String message = call.operation() + " on " + call.binding() + " gave up after " + attempts
				+ ((attempts == 1) ? " attempt" : " attempts") + " in " + RetryWaits.describe(elapsed) + ": " + why
				+ ". Last answer: " + failure.getMessage();
		return new CloudflareRetryExhaustedException(message, attempts, elapsed, failure);
	}

	private CloudflareAmbiguousWriteException ambiguous(Call call, int attempts, CloudflareKVException failure,
			long start, String why) {
		String message = call.operation() + " on " + call.binding() + " has an unknown outcome after " + attempts
				+ ((attempts == 1) ? " attempt" : " attempts") + ": " + failure.getMessage()
				+ (endsWithPeriod(failure.getMessage()) ? " " : ". ")
				+ "The server may have applied the write, may never apply it, or may still apply it later, after a "
				+ "later write of the same key; " + why + ". Read the key to see what it holds, write it again once "
				+ "this attempt can no longer land, or let the client retry such writes after a settle time "
				+ "(RetryOptions ambiguousWriteSettleTime, cloudflare.kv.retry.ambiguous-write-settle-time).";
		return new CloudflareAmbiguousWriteException(message, attempts, elapsed(start), failure);
	}

	private static boolean endsWithPeriod(@Nullable String text) {
		return text != null && text.endsWith(".");
	}

	private void reportRateLimit(Call call, CloudflareKVException failure) {
		if (failure instanceof CloudflareRateLimitException) {
			this.listener.onRateLimited(call.binding(), call.operation(), failure.retryAfter());
		}
	}

	private Duration elapsed(long start) {
		return Duration.ofNanos(this.nanoTime.getAsLong() - start);
	}

	/**
	 * A failed attempt as Resilience4j sees it: the failure, and what was decided for it. Resilience4j's
	 * interval function reads the wait from here, and throws it back when the request stops.
	 */
	private static final class PlannedRetry extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		private final transient CloudflareKVException failure;

		private final boolean retry;

		private final boolean unknownOutcome;

		private final transient @Nullable Duration wait;

		private final long waitMillis;

		private final @Nullable String giveUpReason;

		PlannedRetry(CloudflareKVException failure, boolean retry, boolean unknownOutcome, @Nullable Duration wait,
				@Nullable String giveUpReason) {
			super(failure.getMessage(), failure, false, false);
			this.failure = failure;
			this.retry = retry;
			this.unknownOutcome = unknownOutcome;
			this.wait = wait;
			this.giveUpReason = giveUpReason;
			this.waitMillis = (wait == null) ? -1L : roundUp(wait);
		}

		private static long roundUp(Duration wait) {
			long millis = wait.toMillis();
			return (wait.toNanos() > millis * 1_000_000L) ? millis + 1 : millis;
		}

	}

}
