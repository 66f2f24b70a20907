package io.github.workerskv.kv.cloudflare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The account-wide request budget, on a ticker the test moves: how many requests it lets through, when a
 * place frees, and that no server can count more than the budget in one window whatever the delays; then a
 * client with the budget against the emulator over HTTP, which waits for a place or fails fast as told.
 */
class RequestBudgetTest {

	private static final long SECOND = 1_000_000_000L;

	private static final String ADMIN = "admin";

	private final AtomicLong now = new AtomicLong(1_000 * SECOND);

	@Test
	void admitsUpToTheBudgetThenSaysHowLongUntilAPlaceFrees() {
		RequestBudget budget = budget(3, Duration.ofSeconds(10));
		for (int i = 0; i < 3; i++) {
			assertThat(budget.tryAcquire(this.now.get())).isZero();
		}
		assertThat(budget.tryAcquire(this.now.get())).as("all in flight").isEqualTo(Long.MAX_VALUE);
		this.now.addAndGet(2 * SECOND);
		budget.release(this.now.get());
		assertThat(budget.tryAcquire(this.now.get())).isEqualTo(10 * SECOND);
		this.now.addAndGet(10 * SECOND - 1);
		assertThat(budget.tryAcquire(this.now.get())).isEqualTo(1);
		this.now.addAndGet(1);
		assertThat(budget.tryAcquire(this.now.get())).isZero();
	}

	@Test
	void aPlaceIsHeldFromTheSendUntilAWindowAfterTheAnswer() {
		RequestBudget budget = budget(1, Duration.ofSeconds(5));
		assertThat(budget.tryAcquire(this.now.get())).isZero();
		this.now.addAndGet(30 * SECOND);
		assertThat(budget.tryAcquire(this.now.get())).as("still in flight after 30 s").isEqualTo(Long.MAX_VALUE);
		budget.release(this.now.get());
		this.now.addAndGet(4 * SECOND);
		assertThat(budget.tryAcquire(this.now.get())).isEqualTo(SECOND);
	}

	@Test
	void aRequestThatWouldWaitLongerThanMaxWaitFailsAtOnceSayingWhy() {
		RequestBudget budget = new RequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(1, Duration.ofMinutes(5))
			.withMaxWait(Duration.ofSeconds(30)), this.now::get);
		budget.acquire("GET /a");
		budget.release(this.now.get());
		assertThatExceptionOfType(CloudflareRequestBudgetException.class).isThrownBy(() -> budget.acquire("GET /b"))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isZero();
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(5));
				assertThat(ex.getMessage()).isEqualTo("GET /b was not sent: the client's request budget of 1 requests "
						+ "per 300 s has no room for 300 s, longer than its maxWait of 30 s. Slow down, or raise "
						+ "RequestBudgetOptions.maxWait (cloudflare.kv.rate-limit.max-wait).");
			});
	}

	/**
	 * Whatever the delays between sending, arriving and answering, the arrivals a server sees in any span of
	 * the window never exceed the budget: requests are simulated on a virtual timeline and each one's arrival
	 * is drawn anywhere between its send and its answer.
	 */
	@Property(tries = 50)
	void noWindowEverSeesMoreArrivalsThanTheBudget(@ForAll @IntRange(min = 1, max = 20) int requests,
			@ForAll @LongRange(min = 1, max = 50) long windowSeconds, @ForAll long seed) {
		long window = windowSeconds * SECOND;
		RequestBudget budget = new RequestBudget(RequestBudgetOptions.cloudflareDefault()
			.withBudget(requests, Duration.ofNanos(window)), this.now::get);
		Random random = new Random(seed);
		List<long[]> inFlight = new ArrayList<>();
		List<Long> arrivals = new ArrayList<>();
		long clock = 0;
		for (int step = 0; step < 400; step++) {
			clock += (long) (random.nextDouble() * window / 4);
			for (int i = inFlight.size() - 1; i >= 0; i--) {
				long[] request = inFlight.get(i);
				if (request[1] <= clock) {
					budget.release(request[1]);
					arrivals.add(request[0] + (long) (random.nextDouble() * (request[1] - request[0])));
					inFlight.remove(i);
				}
			}
			if (budget.tryAcquire(clock) == 0) {
				inFlight.add(new long[] { clock, clock + (long) (random.nextDouble() * window * 2) });
			}
		}
		arrivals.sort(Long::compare);
		for (int first = 0, last = 0; last < arrivals.size(); last++) {
			while (arrivals.get(last) - arrivals.get(first) >= window) {
				first++;
			}
			assertThat(last - first + 1).isLessThanOrEqualTo(requests);
		}
	}

	@Test
	void aClientOverItsBudgetThatMayNotWaitFailsFastAndNeverSendsMore() {
		try (KVEmulator emulator = KVEmulator.start(EmulatedAccount.options().withAccountId(ADMIN))) {
			String id = createNamespace(emulator);
			ResilienceStatistics statistics = new ResilienceStatistics();
			try (CloudflareKVClient client = CloudflareKVClient.create(EmulatedAccount.config(emulator)
				.withRequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(3, Duration.ofMinutes(5))
					.withMaxWait(Duration.ZERO))
				.withNamespaceNames(Map.of(id, "FLAGS"))
				.withListener(statistics))) {
				CloudflareKVNamespace kv = client.namespace(id);
				kv.put("a", "1");
				kv.put("b", "1");
				kv.get("a");
				assertThatExceptionOfType(CloudflareRequestBudgetException.class).isThrownBy(() -> kv.put("c", "1"))
					.withMessageStartingWith("PUT /accounts/acct/storage/kv/namespaces/" + id + "/values/c was not sent")
					.withMessageContaining("request budget of 3 requests per 300 s");
				assertThat(emulator.stats().requests(EmulatedAccount.ACCOUNT)).isEqualTo(3);
				assertThat(emulator.store().namespace(id).get("c")).isNull();
				assertThat(statistics.budgetWaits()).isZero();
			}
		}
	}

	/**
	 * The emulator keeps Cloudflare's budget too, on the same ticker as the client's (a clock built on
	 * {@link System#nanoTime()}), so that a request the client sends too early would be locked out.
	 */
	@Test
	void aClientOverItsBudgetWaitsForAPlaceAndTheServerNeverLocksItOut() {
		Duration window = Duration.ofSeconds(1);
		try (KVEmulator emulator = KVEmulator.start(EmulatedAccount.options().withAccountId(ADMIN)
			.withClock(new TickerClock())
			.withRequestBudget(3, window))) {
			String id = createNamespace(emulator);
			ResilienceStatistics statistics = new ResilienceStatistics();
			List<String> waits = new ArrayList<>();
			KVListener recorder = new KVListener() {

				@Override
				public void onBudgetWait(String binding, String operation, Duration waited) {
					synchronized (waits) {
						waits.add(binding + " " + operation);
					}
				}

			};
			try (CloudflareKVClient client = CloudflareKVClient.create(EmulatedAccount.config(emulator)
				.withRequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(3, window)
					.withMaxWait(Duration.ofSeconds(10)))
				.withNamespaceNames(Map.of(id, "FLAGS"))
				.withListener(KVListener.composite(List.of(statistics, recorder))))) {
				CloudflareKVNamespace kv = client.namespace(id);
				for (int i = 0; i < 4; i++) {
					kv.put("k" + i, "v");
				}
				assertThat(statistics.budgetWaits()).isEqualTo(1);
				assertThat(statistics.budgetWaitTime()).isPositive();
				assertThat(waits).containsExactly("FLAGS put");
				assertThat(emulator.stats().lockOutRejections()).isZero();
				assertThat(emulator.stats().requests(EmulatedAccount.ACCOUNT)).isEqualTo(4);
				assertThat(emulator.store().namespace(id).get("k3")).isEqualTo("v");
			}
		}
	}

	/** Creates a namespace from another account (the emulator's accounts share namespaces, not budgets). */
	private static String createNamespace(KVEmulator emulator) {
		try (CloudflareKVClient admin = CloudflareKVClient.create(EmulatedAccount.config(emulator).withAccountId(ADMIN))) {
			return admin.createNamespace("budget").id();
		}
	}

	private RequestBudget budget(int requests, Duration window) {
		return new RequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(requests, window), this.now::get);
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
