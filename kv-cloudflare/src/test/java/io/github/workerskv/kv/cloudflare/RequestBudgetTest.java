package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The account-wide request budget, on a ticker the test moves: how many requests it lets through, when a
 * place frees, and that no server can count more than the budget in one window whatever the delays.
 */
class RequestBudgetTest {

	private static final long SECOND = 1_000_000_000L;

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
	void aClientOverItsBudgetWaitsOrFailsFastButNeverSendsMore() {
		FakeKVApi api = new FakeKVApi();
		ResilienceStatistics statistics = new ResilienceStatistics();
		CloudflareKVClient client = new DefaultCloudflareKVClient(CloudflareKVConfig.of("acct", Credentials.apiToken("t"))
			.withBaseUrl("http://127.0.0.1:9/client/v4")
			.withRetry(RetryOptions.disabled())
			.withRequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(3, Duration.ofMinutes(5))
				.withMaxWait(Duration.ZERO))
			.withNamespaceNames(Map.of("ns", "FLAGS"))
			.withResilienceListener(statistics), api, System::nanoTime, null);
		try (client) {
			CloudflareKVNamespace kv = client.namespace("ns");
			kv.put("a", "1");
			kv.put("b", "1");
			kv.get("a");
			assertThatExceptionOfType(CloudflareRequestBudgetException.class).isThrownBy(() -> kv.put("c", "1"));
			assertThat(api.requests()).hasSize(3);
			assertThat(statistics.budgetWaits()).isZero();
		}
	}

	private RequestBudget budget(int requests, Duration window) {
		return new RequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(requests, window), this.now::get);
	}

}
