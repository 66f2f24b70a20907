package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.Faults;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failures the client retries and how it reports the ones it gives up on, against the emulator over
 * HTTP with its fault injection; every attempt is counted where it arrives ({@link RequestLog}). Retry
 * waits are scaled down (1 ms backoff, {@code Retry-After} capped at 1 ms) so nothing sleeps long.
 */
class RetryingClientTest {

	private static final RetryOptions FAST = RetryOptions.defaults()
		.withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))
		.withMaxRetryAfter(Duration.ofMillis(1));

	private static final Predicate<RequestLine> PUTS = RequestLine.matching("PUT", "/values/");

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension.create(EmulatedAccount.options());

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private final List<String> events = new ArrayList<>();

	private String namespaceId;

	private Faults faults;

	private RequestLog requests;

	private CloudflareKVClient client;

	private CloudflareKVNamespace kv;

	@BeforeEach
	void createNamespace() {
		try (CloudflareKVClient admin = CloudflareKVClient.create(EmulatedAccount.config(this.emulator.emulator()))) {
			this.namespaceId = admin.createNamespace("retries").id();
		}
		this.faults = this.emulator.emulator().faults();
		this.requests = RequestLog.of(this.emulator.emulator());
	}

	private void start(RetryOptions retry) {
		start(retry, (config) -> config);
	}

	private void start(RetryOptions retry, UnaryOperator<CloudflareKVConfig> change) {
		KVListener recorder = new KVListener() {

			@Override
			public void onRateLimited(String binding, String operation, @Nullable Duration retryAfter) {
				record("429 " + binding + " " + operation + " " + retryAfter);
			}

			@Override
			public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
				record("retry " + binding + " " + operation + " #" + attempt + " " + wait);
			}

			@Override
			public void onGiveUp(String binding, String operation, int attempts, Throwable lastFailure) {
				record("give up " + binding + " " + operation + " after " + attempts);
			}

			@Override
			public void onOperation(KVOperationEvent event) {
				record(event.operation().tagValue() + " " + event.outcome() + " retries=" + event.retries());
			}

		};
		this.client = new DefaultCloudflareKVClient(change.apply(EmulatedAccount.config(this.emulator.emulator())
			.withRetry(retry)
			.withNamespaceNames(Map.of(this.namespaceId, "FLAGS"))
			.withListener(KVListener.composite(List.of(this.statistics, recorder)))), System::nanoTime, null);
		this.kv = this.client.namespace(this.namespaceId);
	}

	private synchronized void record(String event) {
		this.events.add(event);
	}

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void a429IsRetriedHonouringItsRetryAfterAndTheCallSucceeds() {
		start(FAST);
		this.faults.next(2, PUTS, Fault.rateLimited(Duration.ofSeconds(1)));
		this.kv.put("hot", "v");
		assertThat(stored("hot")).isEqualTo("v");
		assertThat(this.requests.count(PUTS)).isEqualTo(3);
		assertThat(this.events).containsExactly("429 FLAGS put PT1S", "retry FLAGS put #1 PT0.001S",
				"429 FLAGS put PT1S", "retry FLAGS put #2 PT0.001S", "put SUCCESS retries=2");
		assertThat(this.statistics.rateLimited()).isEqualTo(2);
		assertThat(this.statistics.retries()).isEqualTo(2);
		assertThat(this.statistics.giveUps()).isZero();
	}

	@Test
	void readsAreRetriedOnServerErrorsOtherThan501GatewayErrorsAndDroppedConnections() {
		start(FAST.withMaxAttempts(6));
		this.kv.put("k", "v");
		// a bulk get is a POST, which java.net.http never resends on its own, so every attempt is the client's
		Predicate<RequestLine> bulkGets = RequestLine.matching("POST", "/bulk/get$");
		this.faults.next(1, bulkGets, Fault.serverError(500))
			.next(1, bulkGets, Fault.serverError(502))
			.next(1, bulkGets, Fault.serverError(503))
			.next(1, bulkGets, Fault.serverError(504))
			.next(1, bulkGets, Fault.dropConnection());
		assertThat(this.kv.get(List.of("k"))).containsEntry("k", "v");
		assertThat(this.requests.count(bulkGets)).isEqualTo(6);
		assertThat(this.statistics.retries()).isEqualTo(5);
		assertThat(this.faults.scriptedRemaining()).as("only the log's script is left").isEqualTo(1);
	}

	@Test
	void writesAreRetriedWhenTheServerAnsweredThemOrNeverGotThem() {
		start(FAST);
		this.faults.next(1, PUTS, Fault.serverError(500))
			.next(1, PUTS, Fault.serverError(503))
			.next(1, PUTS, Fault.rateLimited(Duration.ofSeconds(1)));
		this.kv.put("k", "v");
		assertThat(stored("k")).isEqualTo("v");
		assertThat(this.requests.count(PUTS)).isEqualTo(4);
		assertThat(this.statistics.retries()).isEqualTo(3);
	}

	@Test
	void writesWhoseAttemptMayStillLandAreNotRetried() {
		start(FAST);
		Predicate<RequestLine> deletes = RequestLine.matching("DELETE", "/values/");
		for (Fault fault : List.of(Fault.dropConnection(), Fault.serverError(502), Fault.serverError(504))) {
			int before = this.requests.count();
			this.faults.next(1, PUTS, fault).next(1, deletes, fault);
			assertThatExceptionOfType(CloudflareAmbiguousWriteException.class).as(fault.toString())
				.isThrownBy(() -> this.kv.put("k", "v"))
				.satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(1));
			assertThatExceptionOfType(CloudflareAmbiguousWriteException.class).as(fault.toString())
				.isThrownBy(() -> this.kv.delete("k"));
			assertThat(this.requests.count()).as("one request each for " + fault).isEqualTo(before + 2);
		}
		assertThat(this.statistics.retries()).isZero();
		assertThat(this.statistics.giveUps()).as("nothing was retried, so nothing gave up").isZero();
	}

	@Test
	void validationAuthenticationMissingNamespacesAnd501AreNeverRetried() {
		start(FAST);
		this.faults.next(1, PUTS, Fault.serverError(501));
		assertNotRetried(() -> this.kv.put("k", "v"), CloudflareServerException.class, 501);

		KVEmulatorClock dayBehind = KVEmulatorClock.at(Instant.now().minus(Duration.ofDays(1)));
		long anHourAgo = Instant.now().getEpochSecond() - 3600;
		try (CloudflareKVClient behind = client((config) -> config.withClock(dayBehind))) {
			assertNotRetried(() -> behind.namespace(this.namespaceId)
				.put("k", "v", PutOptions.none().withExpiration(anHourAgo)), CloudflareBadRequestException.class, 400);
		}
		try (CloudflareKVClient wrongToken = client(
				(config) -> config.withCredentials(Credentials.apiToken("wrong-token")))) {
			assertNotRetried(() -> wrongToken.namespace(this.namespaceId).get("k"),
					CloudflareAuthenticationException.class, 403);
		}
		try (CloudflareKVClient otherAccount = client((config) -> config.withAccountId("someone-else"))) {
			assertNotRetried(() -> otherAccount.namespace(this.namespaceId).delete("k"),
					CloudflareAuthenticationException.class, 403);
		}
		assertNotRetried(() -> this.client.namespace("0123456789abcdef0123456789abcdef").put("k", "v"),
				CloudflareNamespaceNotFoundException.class, 404);
		assertThat(this.statistics.retries()).isZero();
	}

	private CloudflareKVClient client(UnaryOperator<CloudflareKVConfig> change) {
		return new DefaultCloudflareKVClient(change.apply(this.client.config()), System::nanoTime, null);
	}

	private void assertNotRetried(ThrowingCallable call, Class<? extends CloudflareKVException> type, int status) {
		int before = this.requests.count();
		assertThatExceptionOfType(type).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(status));
		assertThat(this.requests.count()).as("requests for HTTP " + status).isEqualTo(before + 1);
	}

	@Test
	void aCallThatUsesAllItsAttemptsSaysHowManyAndWhatTheLastAnswerWas() {
		start(FAST.withMaxAttempts(3));
		Predicate<RequestLine> deletes = RequestLine.matching("DELETE", "/values/");
		this.faults.next(2, deletes, Fault.serverError(503)).next(1, deletes, Fault.rateLimited(Duration.ofSeconds(2)));
		assertThatExceptionOfType(CloudflareRetryExhaustedException.class).isThrownBy(() -> this.kv.delete("k"))
			.satisfies((ex) -> {
				assertThat(ex.attempts()).isEqualTo(3);
				assertThat(ex.lastFailure()).isInstanceOf(CloudflareRateLimitException.class);
				assertThat(ex.httpStatus()).isEqualTo(429);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(2));
				assertThat(ex.hasErrorCode(971)).isTrue();
				assertThat(ex.getMessage()).startsWith("delete on FLAGS gave up after 3 attempts in ")
					.contains(": all 3 attempts failed. Last answer: DELETE ")
					.contains("failed with HTTP 429")
					.doesNotContain(EmulatedAccount.TOKEN);
			});
		assertThat(this.requests.count(deletes)).isEqualTo(3);
		assertThat(this.events).endsWith("give up FLAGS delete after 3", "delete RATE_LIMITED retries=2");
	}

	@Test
	void aRetryAfterBeyondTheDeadlineFailsAtOnceInsteadOfSleeping() {
		start(RetryOptions.defaults());
		this.faults.next(1, PUTS, Fault.rateLimited(Duration.ofSeconds(300)));
		assertThatExceptionOfType(CloudflareRetryExhaustedException.class).isThrownBy(() -> this.kv.put("k", "v"))
			.satisfies((ex) -> {
				assertThat(ex.attempts()).isEqualTo(1);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(300));
				assertThat(ex.getMessage()).contains("gave up after 1 attempt in")
					.contains("the server asked to wait 300 s, more than the")
					.contains("left of the call's 30 s deadline");
			});
		assertThat(this.requests.count(PUTS)).isEqualTo(1);
		assertThat(this.statistics.retries()).isZero();
		assertThat(this.statistics.giveUps()).isEqualTo(1);
	}

	@Test
	void withRetriesOffAFailureIsThrownAsItWas() {
		start(RetryOptions.disabled());
		this.faults.next(1, PUTS, Fault.serverError(503));
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.kv.put("k", "v"))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(503));
		assertThat(this.requests.count()).isEqualTo(1);
		assertThat(stored("k")).isNull();
	}

	@Test
	void aStreamedValueIsSentOnceSinceItCannotBeReadTwice() {
		start(FAST);
		this.faults.next(1, PUTS, Fault.serverError(503));
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.kv.put("k",
				new ByteArrayInputStream("v".getBytes(StandardCharsets.UTF_8)), PutOptions.none()));
		assertThat(this.requests.count()).isEqualTo(1);
		assertThat(this.statistics.retries()).isZero();
		this.kv.put("k", new ByteArrayInputStream("w".getBytes(StandardCharsets.UTF_8)), PutOptions.none());
		assertThat(stored("k")).isEqualTo("w");
	}

	@Test
	void creatingANamespaceIsNotRetriedButReadingNamespacesIs() {
		start(FAST.withJitter(0));
		this.faults.next(1, RequestLine.matching("POST", "/namespaces$"), Fault.serverError(503));
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.client.createNamespace("t"));
		assertThat(this.requests.count()).isEqualTo(1);
		this.faults.next(1, RequestLine.matching("GET", "/namespaces/"), Fault.serverError(503));
		assertThat(this.client.getNamespace(this.namespaceId).title()).isEqualTo("retries");
		assertThat(this.requests.count()).isEqualTo(3);
		assertThat(this.events).containsExactly("retry account namespaces #1 PT0.001S");
	}

	@Test
	void retriesLiveInTheGivenRegistryNamedAndTaggedByBindingAndOperation() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		start(FAST.withRegistry(registry));
		this.faults.next(1, PUTS, Fault.serverError(503));
		this.kv.put("k", "v");
		this.kv.put("k", "w");
		assertThat(this.client.retryRegistry()).isSameAs(registry);
		Retry retry = registry.find("cloudflare-kv.FLAGS.put").orElseThrow();
		assertThat(retry.getTags()).containsEntry("binding", "FLAGS").containsEntry("operation", "put");
		assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
		assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithoutRetryAttempt()).isEqualTo(1);
	}

	@Test
	void aListenerThatThrowsDoesNotBreakTheCall() {
		KVListener broken = new KVListener() {

			@Override
			public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
				throw new IllegalStateException("listener bug");
			}

			@Override
			public void onOperation(KVOperationEvent event) {
				throw new IllegalStateException("listener bug");
			}

		};
		start(FAST, (config) -> config.withListener(broken));
		this.faults.next(1, PUTS, Fault.serverError(503));
		this.kv.put("k", "v");
		assertThat(stored("k")).isEqualTo("v");
		assertThat(this.requests.count(PUTS)).isEqualTo(2);
	}

	private @Nullable String stored(String key) {
		return this.emulator.emulator().store().namespace(this.namespaceId).get(key);
	}

}
