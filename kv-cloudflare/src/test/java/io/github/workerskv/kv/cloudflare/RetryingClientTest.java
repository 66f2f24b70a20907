package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.resilience.ResilienceListener;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which failures the client retries and how it reports the ones it gives up on, against an in-memory API.
 * Retry waits are scaled down (1 ms backoff, {@code Retry-After} capped at 1 ms) so nothing sleeps long.
 */
class RetryingClientTest {

	private static final String TOKEN = "retry-s3cr3t-token";

	private static final String NS = "0f2ac74b498b48028cb68387c421e279";

	private static final RetryOptions FAST = RetryOptions.defaults()
		.withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))
		.withMaxRetryAfter(Duration.ofMillis(1));

	private final FakeKVApi api = new FakeKVApi();

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private final List<String> events = new ArrayList<>();

	private CloudflareKVClient client;

	private CloudflareKVNamespace kv;

	private void start(RetryOptions retry) {
		ResilienceListener recorder = new ResilienceListener() {

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

		};
		this.client = new DefaultCloudflareKVClient(CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN))
			.withBaseUrl("http://127.0.0.1:9/client/v4")
			.withRetry(retry)
			.withNamespaceNames(Map.of(NS, "FLAGS"))
			.withResilienceListener(ResilienceListener.composite(List.of(this.statistics, recorder))), this.api,
				System::nanoTime, null);
		this.kv = this.client.namespace(NS);
	}

	private synchronized void record(String event) {
		this.events.add(event);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void a429IsRetriedHonouringItsRetryAfterAndTheCallSucceeds() {
		start(FAST);
		this.api.fail(2, puts(), 429, Map.of("Retry-After", "1"));
		this.kv.put("hot", "v");
		assertThat(new String(this.api.value("hot"), StandardCharsets.UTF_8)).isEqualTo("v");
		assertThat(this.api.requests()).filteredOn((line) -> line.startsWith("PUT")).hasSize(3);
		assertThat(this.events).containsExactly("429 FLAGS put PT1S", "retry FLAGS put #1 PT0.001S",
				"429 FLAGS put PT1S", "retry FLAGS put #2 PT0.001S");
		assertThat(this.statistics.rateLimited()).isEqualTo(2);
		assertThat(this.statistics.retries()).isEqualTo(2);
		assertThat(this.statistics.giveUps()).isZero();
	}

	@Test
	void serverErrorsOtherThan501AndDroppedConnectionsAreRetried() {
		start(FAST);
		this.api.fail(1, gets(), 500, Map.of()).fail(1, gets(), 502, Map.of()).fail(1, gets(), 503, Map.of())
			.drop(1, gets());
		this.kv.put("k", "v");
		assertThat(this.kv.get("k")).isEqualTo("v");
		assertThat(this.api.requests()).filteredOn((line) -> line.startsWith("GET")).hasSize(5);
		assertThat(this.statistics.retries()).isEqualTo(4);
	}

	@Test
	void validationAuthenticationMissingNamespacesAnd501AreNeverRetried() {
		start(FAST);
		assertNotRetried(400, CloudflareBadRequestException.class);
		assertNotRetried(401, CloudflareAuthenticationException.class);
		assertNotRetried(403, CloudflareAuthenticationException.class);
		assertNotRetried(404, CloudflareNamespaceNotFoundException.class);
		assertNotRetried(501, CloudflareServerException.class);
		assertThat(this.statistics.retries()).isZero();
	}

	private void assertNotRetried(int status, Class<? extends CloudflareKVException> type) {
		int before = this.api.requests().size();
		this.api.fail(1, puts(), status, Map.of());
		assertThatExceptionOfType(type).isThrownBy(() -> this.kv.put("k", "v"))
			.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(status));
		assertThat(this.api.requests()).hasSize(before + 1);
	}

	@Test
	void aCallThatUsesAllItsAttemptsSaysHowManyAndWhatTheLastAnswerWas() {
		start(FAST.withMaxAttempts(3));
		this.api.fail(2, deletes(), 503, Map.of()).fail(1, deletes(), 429, Map.of("Retry-After", "2"));
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
					.doesNotContain(TOKEN);
			});
		assertThat(this.events).endsWith("give up FLAGS delete after 3");
	}

	@Test
	void aRetryAfterBeyondTheDeadlineFailsAtOnceInsteadOfSleeping() {
		start(RetryOptions.defaults());
		this.api.fail(1, puts(), 429, Map.of("Retry-After", "300"));
		assertThatExceptionOfType(CloudflareRetryExhaustedException.class).isThrownBy(() -> this.kv.put("k", "v"))
			.satisfies((ex) -> {
				assertThat(ex.attempts()).isEqualTo(1);
				assertThat(ex.getMessage()).contains("gave up after 1 attempt in")
					.contains("the server asked to wait 300 s, more than the")
					.contains("left of the call's 30 s deadline");
			});
		assertThat(this.api.requests()).filteredOn((line) -> line.startsWith("PUT")).hasSize(1);
		assertThat(this.statistics.retries()).isZero();
		assertThat(this.statistics.giveUps()).isEqualTo(1);
	}

	@Test
	void withRetriesOffAFailureIsThrownAsItWas() {
		start(RetryOptions.disabled());
		this.api.fail(1, puts(), 503, Map.of());
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.kv.put("k", "v"));
		assertThat(this.api.requests()).hasSize(1);
	}

	@Test
	void aStreamedValueIsSentOnceSinceItCannotBeReadTwice() {
		start(FAST);
		this.api.fail(1, puts(), 503, Map.of());
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.kv.put("k",
				new ByteArrayInputStream("v".getBytes(StandardCharsets.UTF_8)), PutOptions.none()));
		assertThat(this.api.requests()).hasSize(1);
		assertThat(this.statistics.retries()).isZero();
	}

	@Test
	void creatingANamespaceIsNotRetriedButReadingNamespacesIs() {
		start(FAST.withJitter(0));
		this.api.fail(1, (line) -> line.startsWith("POST"), 503, Map.of());
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.client.createNamespace("t"));
		this.api.fail(1, gets(), 503, Map.of());
		assertThatExceptionOfType(CloudflareKVException.class).isThrownBy(() -> this.client.getNamespace(NS))
			.isNotInstanceOf(CloudflareServerException.class);
		assertThat(this.events).contains("retry account namespaces #1 PT0.001S");
	}

	@Test
	void retriesLiveInTheGivenRegistryNamedAndTaggedByBindingAndOperation() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		start(FAST.withRegistry(registry));
		this.api.fail(1, puts(), 503, Map.of());
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
		this.client = new DefaultCloudflareKVClient(CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN))
			.withBaseUrl("http://127.0.0.1:9/client/v4")
			.withRetry(FAST)
			.withResilienceListener(new ResilienceListener() {

				@Override
				public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
					throw new IllegalStateException("listener bug");
				}

			}), this.api, System::nanoTime, null);
		this.api.fail(1, puts(), 503, Map.of());
		this.client.namespace(NS).put("k", "v");
		assertThat(this.api.value("k")).isNotNull();
	}

	private static Predicate<String> puts() {
		return (line) -> line.startsWith("PUT") && line.contains("/values/");
	}

	private static Predicate<String> gets() {
		return (line) -> line.startsWith("GET");
	}

	private static Predicate<String> deletes() {
		return (line) -> line.startsWith("DELETE");
	}

}
