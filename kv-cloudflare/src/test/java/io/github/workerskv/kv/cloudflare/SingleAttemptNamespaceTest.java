package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CloudflareKVNamespace#withoutRetries()} against the emulator: one request per call and the failure
 * as it came, on a client whose own calls retry; everything else shared with the client.
 */
class SingleAttemptNamespaceTest {

	private static final RetryOptions FAST = RetryOptions.defaults()
		.withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))
		.withMaxRetryAfter(Duration.ofMillis(1));

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension.create(EmulatedAccount.options());

	private final List<String> events = new ArrayList<>();

	private CloudflareKVClient client;

	private CloudflareKVNamespace retried;

	private CloudflareKVNamespace once;

	private RequestLog requests;

	@BeforeEach
	void start() {
		String id;
		try (CloudflareKVClient admin = CloudflareKVClient.create(EmulatedAccount.config(this.emulator.emulator()))) {
			id = admin.createNamespace("single-attempt").id();
		}
		KVListener recorder = new KVListener() {

			@Override
			public void onOperation(KVOperationEvent event) {
				record(event.binding() + " " + event.operation().tagValue() + " " + event.outcome());
			}

			@Override
			public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
				record("retry " + binding + " " + operation);
			}

		};
		this.client = CloudflareKVClient.create(EmulatedAccount.config(this.emulator.emulator())
			.withRetry(FAST)
			.withRequestBudget(RequestBudgetOptions.cloudflareDefault().withBudget(4, Duration.ofMinutes(5))
				.withMaxWait(Duration.ZERO))
			.withNamespaceNames(Map.of(id, "FLAGS"))
			.withListener(recorder));
		this.retried = this.client.namespace(id);
		this.once = this.retried.withoutRetries();
		this.requests = RequestLog.of(this.emulator.emulator());
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	private synchronized void record(String event) {
		this.events.add(event);
	}

	@Test
	void rateLimitedCallFailsAtOnceWithTheAnswerItselfWhileTheClientsOwnCallRetries() {
		this.emulator.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(30)));
		assertThatExceptionOfType(CloudflareRateLimitException.class)
			.isThrownBy(() -> this.once.list(ListOptions.defaults().withLimit(10)))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(CloudflareRetryExhaustedException.class);
				assertThat(ex.httpStatus()).isEqualTo(429);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(30));
			});
		assertThat(this.requests.count()).isEqualTo(1);

		this.emulator.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(30)));
		assertThat(this.retried.list(ListOptions.defaults().withLimit(10)).keys()).isEmpty();
		assertThat(this.requests.count()).isEqualTo(3);
		assertThat(this.events).containsExactly("FLAGS list RATE_LIMITED", "retry FLAGS list", "FLAGS list SUCCESS");
	}

	@Test
	void serverErrorAndDroppedConnectionAreNotRetriedEither() {
		// a PUT: the JDK's client itself sends a GET again once when the connection drops
		this.emulator.emulator().faults().next(1, Fault.serverError(503));
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.once.get("k"));
		this.emulator.emulator().faults().next(1, Fault.dropConnection());
		assertThatExceptionOfType(CloudflareAmbiguousWriteException.class).isThrownBy(() -> this.once.put("k", "v"))
			.withMessageContaining("it was sent once: retries are off")
			.satisfies((ex) -> {
				assertThat(ex.attempts()).isEqualTo(1);
				assertThat(ex.lastFailure()).isExactlyInstanceOf(CloudflareIOException.class);
			});
		assertThat(this.requests.count()).isEqualTo(2);
	}

	@Test
	void bulkCallMakesOneRoundAndReportsTheKeysTheServerDidNotConfirm() {
		this.emulator.emulator().faults().failBulkKeys("b");
		assertThat(this.once.bulkPut(List.of(BulkWrite.of("a", "1"), BulkWrite.of("b", "2"))).unsuccessfulKeys())
			.containsExactly("b");
		assertThat(this.requests.count(RequestLine.matching("PUT", "/bulk"))).isEqualTo(1);
	}

	@Test
	void viewSharesTheNamespaceItsCacheAndItsRequestBudget() {
		this.retried.put("greeting", "hello");
		assertThat(this.once.get("greeting")).isEqualTo("hello");
		assertThat(this.once.id()).isEqualTo(this.retried.id());
		assertThat(this.once.name()).isEqualTo("FLAGS");
		this.once.put("b", "2");
		this.retried.get("b");
		assertThatExceptionOfType(CloudflareRequestBudgetException.class).isThrownBy(() -> this.once.get("b"));
		assertThat(this.requests.count()).isEqualTo(4);
	}

	@Test
	void viewOfTheViewIsTheViewAndTheClientHandsOutOneView() {
		assertThat(this.once.withoutRetries()).isSameAs(this.once);
		assertThat(this.retried.withoutRetries()).isSameAs(this.once);
		assertThat(this.client.namespace(this.retried.id()).withoutRetries()).isSameAs(this.once);
		assertThat(this.requests.count()).isZero();
	}

}
