package io.github.workerskv.kv.conformance.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of 2,000 requests against an account budget of 1,200 per window: with the client's request budget
 * on, the emulator never locks the account out and every call succeeds; without it, the same burst is locked
 * out.
 *
 * <p>Cloudflare's budget is 1,200 requests per five minutes. The test keeps the numbers (1,200 allowed, 2,000
 * sent, a ratio of 5:3) and scales time by 60, so one second stands for one minute: a 5 s window on both ends.
 * Both ends read the same ticker (the emulator's clock is built on {@link System#nanoTime()}, which the client's
 * budget uses), so that the proof does not depend on two clocks agreeing to the millisecond.
 */
class RequestBudgetBurstTest {

	private static final int BUDGET = 1_200;

	private static final Duration WINDOW = Duration.ofSeconds(5);

	private static final int REQUESTS = 2_000;

	private static final int THREADS = 8;

	@Test
	void aBurstOverTheBudgetSlowsDownInsteadOfBeingLockedOut() throws InterruptedException {
		try (ResilientAccount account = new ResilientAccount(
				(emulator) -> emulator.withClock(new TickerClock()).withRequestBudget(BUDGET, WINDOW),
				(client) -> client.withRetry(RetryOptions.disabled())
					.withRequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(BUDGET, WINDOW)
						.withMaxWait(Duration.ofSeconds(30))))) {
			long start = System.nanoTime();
			List<Throwable> failures = burst(account.namespace(), REQUESTS - 1);
			long wall = (System.nanoTime() - start) / 1_000_000;

			assertThat(failures).isEmpty();
			assertThat(account.emulator().stats().lockOutRejections()).isZero();
			assertThat(account.statistics().rateLimited()).isZero();
			assertThat(account.emulator().stats().requests(ResilientAccount.ACCOUNT)).isEqualTo(REQUESTS);
			assertThat(account.statistics().budgetWaits()).isPositive();

			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("requests", REQUESTS);
			figures.put("budget", BUDGET + " per " + WINDOW.toSeconds() + " s");
			figures.put("lockOut429s", account.emulator().stats().lockOutRejections());
			figures.put("429sSeen", account.statistics().rateLimited());
			figures.put("budgetWaits", account.statistics().budgetWaits());
			figures.put("budgetWaitTotalMs", account.statistics().budgetWaitTime().toMillis());
			figures.put("wallMs", wall);
			ResilientAccount.report("budget", figures);
		}
	}

	@Test
	void withoutTheBudgetTheSameBurstLocksTheAccountOut() throws InterruptedException {
		try (ResilientAccount account = new ResilientAccount(
				(emulator) -> emulator.withClock(new TickerClock()).withRequestBudget(BUDGET, WINDOW),
				(client) -> client.withRetry(RetryOptions.disabled()))) {
			List<Throwable> failures = burst(account.namespace(), REQUESTS - 1);

			assertThat(failures).isNotEmpty().allMatch((failure) -> failure instanceof CloudflareRateLimitException);
			assertThat(account.emulator().stats().lockOutRejections()).isEqualTo(failures.size());
			ResilientAccount.report("budget off (control)",
					Map.of("requests", REQUESTS, "lockOut429s", account.emulator().stats().lockOutRejections()));
		}
	}

	/** Writes and reads distinct keys from {@value #THREADS} threads; returns what failed. */
	private static List<Throwable> burst(KVNamespace kv, int requests) throws InterruptedException {
		List<Throwable> failures = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			threads.execute(() -> {
				for (int n = thread; n < requests; n += THREADS) {
					try {
						if (n % 2 == 0) {
							kv.put("burst-" + n, "v");
						}
						else {
							kv.get("burst-" + (n - 1));
						}
					}
					catch (RuntimeException ex) {
						synchronized (failures) {
							failures.add(ex);
						}
					}
				}
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("burst done within 60 s").isTrue();
		return failures;
	}

	/** Wall-clock time moved by {@link System#nanoTime()}, the ticker of the client's request budget. */
	private static final class TickerClock extends Clock {

		private final Instant origin = Instant.now();

		private final long originNanos = System.nanoTime();

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.origin.plusNanos(System.nanoTime() - this.originNanos);
		}

	}

}
