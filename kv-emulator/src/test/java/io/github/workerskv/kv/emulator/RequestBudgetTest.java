package io.github.workerskv.kv.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The account-wide request budget: N requests per window pass, the next one locks the account out
 * for one window (429, code 971, Retry-After), all by the emulator's clock.
 */
class RequestBudgetTest {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final String THROTTLED = "{\"success\":false,\"errors\":[{\"code\":971,"
			+ "\"message\":\"Please wait and consider throttling your request speed\"}],\"messages\":[],\"result\":null}";

	private final KVEmulatorClock clock = KVEmulatorClock.at(START);

	private KVEmulator kv;

	private KVEmulator start(KVEmulatorOptions options) {
		this.kv = KVEmulator.start(options.withToken("t").withClock(this.clock));
		return this.kv;
	}

	private Api api(String account) {
		return new Api(this.kv.baseUrl(), "t", account);
	}

	@AfterEach
	void stop() {
		if (this.kv != null) {
			this.kv.close();
		}
	}

	@Test
	void servesExactlyTheBudgetThenLocksTheAccountOutForOneWindowFromTheExcess() {
		start(KVEmulatorOptions.defaults().withRequestBudget(3, Duration.ofSeconds(60)));
		Api api = api("acct");
		String value = api.namespace("0123456789abcdef0123456789abcdef") + "/values/k";

		HttpResponse<byte[]> first = api.get(api.namespaces());
		this.clock.advance(Duration.ofSeconds(10));
		HttpResponse<byte[]> second = api.get(api.namespaces());
		HttpResponse<byte[]> third = api.get(api.namespaces());
		HttpResponse<byte[]> excess = api.get(api.namespaces());

		assertThat(List.of(first, second, third)).allSatisfy((r) -> assertThat(r.statusCode()).isEqualTo(200));
		assertThat(first.headers().firstValue("Ratelimit")).hasValue("\"default\";r=2;t=60");
		assertThat(second.headers().firstValue("Ratelimit")).hasValue("\"default\";r=1;t=50");
		assertThat(third.headers().firstValue("Ratelimit")).hasValue("\"default\";r=0;t=50");
		assertThat(excess.statusCode()).isEqualTo(429);
		assertThat(Api.json(excess).toString()).isEqualTo(THROTTLED);
		assertThat(excess.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(excess.headers().firstValue("Ratelimit")).hasValue("\"default\";r=0;t=60");
		assertThat(excess.headers().firstValue("Ratelimit-Policy")).hasValue("\"default\";q=3;w=60");

		// The window of the first request ends at START+60, the lock-out only at START+70.
		this.clock.advance(Duration.ofSeconds(59));
		HttpResponse<byte[]> read = api.get(value);
		HttpResponse<byte[]> write = api.put(value, "v");
		this.clock.advance(Duration.ofMillis(500));
		HttpResponse<byte[]> halfASecondBefore = api.get(api.namespaces());
		this.clock.advance(Duration.ofMillis(500));
		HttpResponse<byte[]> afterwards = api.get(api.namespaces());

		assertThat(read.statusCode()).isEqualTo(429);
		assertThat(Api.errorCode(read)).isEqualTo(971);
		assertThat(read.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(write.statusCode()).isEqualTo(429);
		assertThat(halfASecondBefore.statusCode()).isEqualTo(429);
		assertThat(halfASecondBefore.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(afterwards.statusCode()).isEqualTo(200);
		assertThat(afterwards.headers().firstValue("Ratelimit")).hasValue("\"default\";r=2;t=60");
		assertThat(afterwards.headers().firstValue("Retry-After")).isEmpty();
		assertThat(this.kv.stats().lockOutRejections()).isEqualTo(4);
		assertThat(this.kv.stats().requests("acct")).isEqualTo(8);
	}

	@Test
	void opensAFreshWindowOnceTheLastOneEnded() {
		start(KVEmulatorOptions.defaults().withRequestBudget(2, Duration.ofSeconds(30)));
		Api api = api("acct");
		List<Integer> statuses = new ArrayList<>();

		statuses.add(api.get(api.namespaces()).statusCode());
		statuses.add(api.get(api.namespaces()).statusCode());
		this.clock.advance(Duration.ofSeconds(30));
		statuses.add(api.get(api.namespaces()).statusCode());
		statuses.add(api.get(api.namespaces()).statusCode());

		assertThat(statuses).containsExactly(200, 200, 200, 200);
		assertThat(this.kv.stats().lockOutRejections()).isZero();
	}

	@Test
	void keepsEveryAccountsBudgetApart() {
		start(KVEmulatorOptions.defaults().withRequestBudget(1, Duration.ofSeconds(60)));
		Api a = api("account-a");
		Api b = api("account-b");

		HttpResponse<byte[]> aFirst = a.get(a.namespaces());
		HttpResponse<byte[]> aSecond = a.get(a.namespaces());
		HttpResponse<byte[]> bFirst = b.get(b.namespaces());
		HttpResponse<byte[]> aAgain = a.get(a.namespaces());
		HttpResponse<byte[]> bSecond = b.get(b.namespaces());

		assertThat(aFirst.statusCode()).isEqualTo(200);
		assertThat(aSecond.statusCode()).isEqualTo(429);
		assertThat(bFirst.statusCode()).isEqualTo(200);
		assertThat(bFirst.headers().firstValue("Ratelimit")).hasValue("\"default\";r=0;t=60");
		assertThat(aAgain.statusCode()).isEqualTo(429);
		assertThat(bSecond.statusCode()).isEqualTo(429);
		KVEmulatorStats stats = this.kv.stats();
		assertThat(stats.requestsByAccount()).containsExactly(java.util.Map.entry("account-a", 3L),
				java.util.Map.entry("account-b", 2L));
		assertThat(stats.requests()).isEqualTo(5);
		assertThat(stats.lockOutRejections()).isEqualTo(3);
	}

	@Test
	void countsEveryTokenOfAnAccountAgainstTheSameBudget() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("one").withToken("two").withClock(this.clock)
			.withRequestBudget(1, Duration.ofSeconds(60)));
		Api one = new Api(this.kv.baseUrl(), "one", "acct");
		Api two = one.withToken("two");

		assertThat(one.get(one.namespaces()).statusCode()).isEqualTo(200);
		assertThat(two.get(two.namespaces()).statusCode()).isEqualTo(429);
	}

	@Test
	void putsTheInformationalHeadersOnValuesAndErrorsButRetryAfterOnlyOnTheLockOut() {
		start(KVEmulatorOptions.defaults().withRequestBudget(1200, Duration.ofMinutes(5)));
		Api api = api("acct");
		String ns = api.createNamespace("headers");
		api.put(api.namespace(ns) + "/values/k", "v");

		HttpResponse<byte[]> value = api.get(api.namespace(ns) + "/values/k");
		HttpResponse<byte[]> missing = api.get(api.namespace(ns) + "/values/nope");
		HttpResponse<byte[]> invalid = api.put(api.namespace(ns) + "/values/k?expiration_ttl=1", "v");

		assertThat(value.statusCode()).isEqualTo(200);
		assertThat(value.headers().firstValue("Ratelimit")).hasValue("\"default\";r=1197;t=300");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().firstValue("Ratelimit")).hasValue("\"default\";r=1196;t=300");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Ratelimit")).hasValue("\"default\";r=1195;t=300");
		assertThat(List.of(value, missing, invalid)).allSatisfy((r) -> {
			assertThat(r.headers().firstValue("Ratelimit-Policy")).hasValue("\"default\";q=1200;w=300");
			assertThat(r.headers().firstValue("Retry-After")).isEmpty();
		});
	}

	@Test
	void neitherCountsNorRefusesRequestsWithoutAnAccountOrRefusedBeforeTheAccountCheck() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t").withAccountId("acct")
			.withClock(this.clock).withRequestBudget(1, Duration.ofSeconds(60)));
		Api api = api("acct");
		api.get(api.namespaces());

		HttpResponse<byte[]> user = api.get("/user");
		HttpResponse<byte[]> memberships = api.get("/memberships");
		HttpResponse<byte[]> badToken = api.withToken("wrong").get(api.namespaces());
		HttpResponse<byte[]> otherAccount = api.withAccount("other").get(api.withAccount("other").namespaces());
		HttpResponse<byte[]> noRoute = api.get("/accounts/acct/nothing-here");

		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(user.headers().firstValue("Ratelimit")).isEmpty();
		assertThat(memberships.statusCode()).isEqualTo(200);
		assertThat(badToken.statusCode()).isEqualTo(403);
		assertThat(Api.errorCode(badToken)).isEqualTo(10000);
		assertThat(otherAccount.statusCode()).isEqualTo(403);
		assertThat(noRoute.statusCode()).isEqualTo(404);
		assertThat(this.kv.stats().requestsByAccount()).containsOnlyKeys("acct");
		assertThat(this.kv.stats().requests("acct")).isEqualTo(1);
		assertThat(this.kv.stats().lockOutRejections()).isZero();
	}

	@Test
	void neitherCountsNorRefusesRequestsAnsweredByAnInjectedFault() {
		start(KVEmulatorOptions.defaults().withRequestBudget(1, Duration.ofSeconds(60)));
		Api api = api("acct");
		this.kv.faults().next(2, Fault.serverError(503));

		HttpResponse<byte[]> firstFault = api.get(api.namespaces());
		HttpResponse<byte[]> secondFault = api.get(api.namespaces());
		HttpResponse<byte[]> served = api.get(api.namespaces());

		assertThat(firstFault.statusCode()).isEqualTo(503);
		assertThat(secondFault.statusCode()).isEqualTo(503);
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(this.kv.stats().requests("acct")).isEqualTo(1);
	}

	@Test
	void admitsExactlyTheBudgetFromConcurrentClients() throws Exception {
		start(KVEmulatorOptions.defaults().withRequestBudget(25, Duration.ofSeconds(60)));
		Api api = api("acct");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<Integer>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < 60; i++) {
				answers.add(pool.submit(() -> api.get(api.namespaces()).statusCode()));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS));
			}

			assertThat(statuses).filteredOn((s) -> s == 200).hasSize(25);
			assertThat(statuses).filteredOn((s) -> s == 429).hasSize(35);
			assertThat(this.kv.stats().lockOutRejections()).isEqualTo(35);
			assertThat(this.kv.stats().requests("acct")).isEqualTo(60);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void isOffByDefault() {
		start(KVEmulatorOptions.defaults());
		Api api = api("acct");
		List<HttpResponse<byte[]>> responses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			responses.add(api.get(api.namespaces()));
		}

		assertThat(KVEmulatorOptions.defaults().requestBudget()).isNull();
		assertThat(responses).allSatisfy((r) -> {
			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(r.headers().firstValue("Ratelimit")).isEmpty();
			assertThat(r.headers().firstValue("Ratelimit-Policy")).isEmpty();
		});
		assertThat(this.kv.stats().requests("acct")).isEqualTo(30);
		assertThat(this.kv.stats().lockOutRejections()).isZero();
	}

	@Test
	void resetStatsZeroesTheCountsButKeepsTheLockOut() {
		start(KVEmulatorOptions.defaults().withRequestBudget(1, Duration.ofSeconds(60)));
		Api api = api("acct");
		api.get(api.namespaces());
		api.get(api.namespaces());

		this.kv.resetStats();
		HttpResponse<byte[]> stillLocked = api.get(api.namespaces());

		assertThat(stillLocked.statusCode()).isEqualTo(429);
		assertThat(this.kv.stats()).isEqualTo(new KVEmulatorStats(java.util.Map.of("acct", 1L), 1, 0, 0));
	}

	@Test
	void refusesBudgetsOutsideItsBounds() {
		assertThatThrownBy(() -> new RequestBudget(0, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least 1 request");
		assertThatThrownBy(() -> new RequestBudget(1, Duration.ofMillis(1500)))
			.hasMessageContaining("whole seconds from 1 s to 1 day");
		assertThatThrownBy(() -> new RequestBudget(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RequestBudget(1, Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
		assertThat(new RequestBudget(1200, Duration.ofMinutes(5)).windowSeconds()).isEqualTo(300);
	}

	@Test
	void showsTheBudgetButNoTokenInTheOptions() {
		KVEmulatorOptions options = KVEmulatorOptions.defaults().withToken("s3cret-token")
			.withRequestBudget(1200, Duration.ofMinutes(5));

		assertThat(options.requestBudget()).isEqualTo(new RequestBudget(1200, Duration.ofSeconds(300)));
		assertThat(options.toString()).contains("requestBudget=1200 requests per 300 s").doesNotContain("s3cret");
		assertThat(options.withRequestBudget(null).requestBudget()).isNull();
	}

}
