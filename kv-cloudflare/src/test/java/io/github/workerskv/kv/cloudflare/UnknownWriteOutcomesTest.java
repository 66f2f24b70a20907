package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.Faults;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 3: a write whose attempt got no answer may still be applied later, so the client never
 * acknowledges a retry of it that such an attempt could overtake. Against the emulator over HTTP: its
 * {@code Fault.delay} and random latency hold requests past the client's request timeout and then serve them,
 * as a slow server would; the final value of every key is checked against what the writers were told
 * ({@link WriteHistory}), once the emulator has served every request it received
 * ({@link RequestLog#awaitServed(Duration)}).
 */
class UnknownWriteOutcomesTest {

	private static final Predicate<RequestLine> PUTS = RequestLine.matching("PUT", "/values/");

	private static final Predicate<RequestLine> BULK_PUTS = RequestLine.matching("PUT", "/bulk$");

	/** The request timeout of the randomized scenarios. */
	private static final Duration TIMEOUT = Duration.ofMillis(300);

	/** How long the randomized scenarios hold a request: past the timeout, then it is served. */
	private static final Duration HOLD = Duration.ofMillis(900);

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension.create(EmulatedAccount.options());

	private final WriteHistory history = new WriteHistory();

	private KVEmulator running;

	private Faults faults;

	private String namespaceId;

	private RequestLog requests;

	private @Nullable CloudflareKVClient client;

	@BeforeEach
	void namespace() {
		this.running = this.emulator.emulator();
		try (CloudflareKVClient admin = CloudflareKVClient.create(EmulatedAccount.config(this.running))) {
			this.namespaceId = admin.createNamespace("unknown-outcomes").id();
		}
		this.faults = this.running.faults();
		this.requests = RequestLog.of(this.running);
	}

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.close();
		}
	}

	private CloudflareKVNamespace start(UnaryOperator<CloudflareKVConfig> change) {
		this.client = CloudflareKVClient.create(change.apply(EmulatedAccount.config(this.running)));
		return this.client.namespace(this.namespaceId);
	}

	/** The scenario of the finding: a 1 s request timeout, and the first attempt of put(hot, a) held 2 s. */
	@Test
	void aWriteThatTimedOutIsNotRetriedSoALaterAcknowledgedWriteIsNeverBehindItsOwnRetry() {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(Duration.ofSeconds(1))
			.withRetry(RetryOptions.defaults()));
		this.faults.next(1, PUTS, Fault.delay(Duration.ofSeconds(2)));

		WriteHistory.Outcome a = this.history.write("hot", "a", () -> kv.put("hot", "a"));
		WriteHistory.Outcome b = this.history.write("hot", "b", () -> kv.put("hot", "b"));
		this.requests.awaitServed(Duration.ofSeconds(2));

		assertThat(this.history.violations(this::stored)).as("keys whose final value the answers do not allow")
			.isEmpty();
		assertThat(a).isEqualTo(WriteHistory.Outcome.UNKNOWN);
		assertThat(b).isEqualTo(WriteHistory.Outcome.ACKNOWLEDGED);
		assertThat(this.requests.count(PUTS)).as("put(hot, a) once, put(hot, b) once").isEqualTo(2);
		assertThat(stored("hot")).as("the held attempt of put(hot, a) landed after put(hot, b)").isEqualTo("a");
	}

	@Test
	void theUnknownOutcomeIsItsOwnExceptionThatSaysWhatToDo() {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(Duration.ofSeconds(1))
			.withRetry(RetryOptions.defaults()));
		this.faults.next(1, PUTS, Fault.delay(Duration.ofSeconds(2)));
		Throwable failure = catchFailure(() -> kv.put("hot", "a"));
		this.requests.awaitServed(Duration.ofSeconds(2));
		assertThat(failure).isInstanceOfSatisfying(CloudflareAmbiguousWriteException.class, (ex) -> {
			assertThat(ex.attempts()).isEqualTo(1);
			assertThat(ex.lastFailure()).isInstanceOf(CloudflareTimeoutException.class);
			assertThat(ex.httpStatus()).isZero();
			assertThat(ex.getMessage()).startsWith("put on " + this.namespaceId + " has an unknown outcome")
				.contains("may still apply it later, after a later write of the same key")
				.contains("ambiguousWriteSettleTime")
				.doesNotContain(EmulatedAccount.TOKEN);
		});
	}

	/**
	 * With a settle time the client retries such a write, but only once the held attempt can no longer land
	 * (here it lands 1 s after the timeout, and the settle time is 2 s), so the retry's acknowledgement is
	 * true and the later write wins.
	 */
	@Test
	void withASettleTimeATimedOutWriteIsRetriedOnlyAfterItAndTheLaterWriteWins() {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(Duration.ofSeconds(1))
			.withRetry(RetryOptions.defaults().withAmbiguousWriteSettleTime(Duration.ofSeconds(2))));
		this.faults.next(1, PUTS, Fault.delay(Duration.ofSeconds(2)));

		WriteHistory.Outcome a = this.history.write("hot", "a", () -> kv.put("hot", "a"));
		WriteHistory.Outcome b = this.history.write("hot", "b", () -> kv.put("hot", "b"));
		this.requests.awaitServed(Duration.ofSeconds(2));

		assertThat(this.history.violations(this::stored)).isEmpty();
		assertThat(List.of(a, b)).containsOnly(WriteHistory.Outcome.ACKNOWLEDGED);
		assertThat(this.requests.count(PUTS)).as("put(hot, a) twice, put(hot, b) once").isEqualTo(3);
		assertThat(stored("hot")).isEqualTo("b");
	}

	@Test
	void aBulkRoundThatGetsNoAnswerIsNotSentAgain() {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(Duration.ofSeconds(1))
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))));
		this.faults.failBulkKeys("k2");
		// the first round passes; the second (k2 alone) is held past the timeout
		this.faults.next(1, BULK_PUTS, Fault.delay(Duration.ZERO)).next(1, BULK_PUTS, Fault.delay(Duration.ofSeconds(2)));
		Throwable failure = catchFailure(() -> kv.bulkPut(List.of(BulkWrite.of("k1", "v1"), BulkWrite.of("k2", "v2"))));
		this.requests.awaitServed(Duration.ofSeconds(2));
		assertThat(failure).isInstanceOfSatisfying(CloudflareBulkException.class, (ex) -> {
			assertThat(ex.result()).isEqualTo(new BulkResult(1, List.of("k2")));
			assertThat(ex.failures()).singleElement().isInstanceOf(CloudflareAmbiguousWriteException.class);
		});
		assertThat(this.requests.count(BULK_PUTS)).as("the first round, then k2 once").isEqualTo(2);
	}

	/**
	 * The randomized scenario: 8 writers, each the only writer of its 4 keys, make puts, deletes and bulk puts
	 * while the emulator, seeded, holds 15 % of requests for 900 ms against a 300 ms request timeout and then
	 * serves them, delays the others by 0 to 20 ms, drops 3 % of connections, and answers 3 % with 429 and 5 %
	 * with 500, 502 or 503.
	 */
	@Test
	void underRandomHoldsAndFaultsEveryKeyEndsWithAValueItsHistoryAllows() throws InterruptedException {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(TIMEOUT)
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(8))
				.withMaxRetryAfter(Duration.ofMillis(5))
				.withDeadline(Duration.ofSeconds(20))));
		storm(kv, false, 14);
		assertThat(this.history.count(WriteHistory.Outcome.UNKNOWN)).as("writes that timed out or were dropped")
			.isPositive();
	}

	/**
	 * The same with a settle time longer than a held attempt can take after the timeout (900 ms - 300 ms):
	 * the client retries those writes after it, so hardly any outcome stays unknown, and every key ends with
	 * its last acknowledged value unless a write after that one failed or stayed unknown.
	 */
	@Test
	void withASettleTimeEveryKeyEndsWithAValueItsHistoryAllows() throws InterruptedException {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(TIMEOUT)
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(8))
				.withMaxRetryAfter(Duration.ofMillis(5))
				.withDeadline(Duration.ofSeconds(20))
				.withAmbiguousWriteSettleTime(HOLD)));
		storm(kv, false, 16);
		assertThat(this.history.count(WriteHistory.Outcome.UNKNOWN)).as("writes whose every attempt was held")
			.isLessThan(this.history.count(WriteHistory.Outcome.ACKNOWLEDGED) / 10);
	}

	/** The same with write pacing on: a key's writes go out one at a time, coalesced, each retried as above. */
	@Test
	void withWritePacingEveryKeyEndsWithAValueItsHistoryAllows() throws InterruptedException {
		CloudflareKVNamespace kv = start((config) -> config.withRequestTimeout(TIMEOUT)
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(8))
				.withMaxRetryAfter(Duration.ofMillis(5))
				.withDeadline(Duration.ofSeconds(20)))
			.withWritePacing(WritePacingOptions.enabledByDefault().withInterval(Duration.ofMillis(50))));
		storm(kv, true, 15);
		assertThat(this.history.count(WriteHistory.Outcome.UNKNOWN)).as("writes that timed out or were dropped")
			.isPositive();
	}

	private void storm(CloudflareKVNamespace kv, boolean paced, long seed) throws InterruptedException {
		int writers = 8;
		int keysPerWriter = 4;
		int steps = 12;
		Random holds = new Random(seed);
		this.faults.seed(seed)
			.latency(Duration.ZERO, Duration.ofMillis(20))
			.dropRate(0.03)
			.rateLimitRate(0.03)
			.serverErrorRate(0.05)
			.retryAfter(Duration.ofSeconds(1))
			.next(10_000, (line) -> {
				synchronized (holds) {
					return holds.nextInt(100) < 15;
				}
			}, Fault.delay(HOLD));
		long start = System.nanoTime();
		ExecutorService threads = Executors.newFixedThreadPool(writers);
		for (int w = 0; w < writers; w++) {
			String prefix = "w" + w + "-";
			Random random = new Random(seed * 100 + w);
			threads.execute(() -> {
				for (int n = 0; n < steps; n++) {
					String key = prefix + random.nextInt(keysPerWriter);
					if (paced) {
						pacedBurst(kv, key, random, n);
					}
					else {
						step(kv, prefix, key, keysPerWriter, random, n);
					}
				}
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(120, TimeUnit.SECONDS)).as("writers done within 120 s").isTrue();
		if (paced && this.client != null) {
			catchFailure(this.client::flush);
		}
		this.requests.awaitServed(HOLD);
		long wall = (System.nanoTime() - start) / 1_000_000;

		assertThat(this.history.violations(this::stored)).as("keys whose final value the answers do not allow")
			.isEmpty();
		assertThat(this.history.count(WriteHistory.Outcome.ACKNOWLEDGED)).isPositive();
		long overtaken = this.history.keys().stream()
			.filter((key) -> !Objects.equals(stored(key), this.history.lastAcknowledged(key)))
			.count();
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("paced", paced);
		figures.put("seed", seed);
		figures.put("settleTime", (this.client != null) ? this.client.config().retry().ambiguousWriteSettleTime() : null);
		figures.put("acknowledged", this.history.count(WriteHistory.Outcome.ACKNOWLEDGED));
		figures.put("failed", this.history.count(WriteHistory.Outcome.FAILED));
		figures.put("unknown", this.history.count(WriteHistory.Outcome.UNKNOWN));
		figures.put("keys", this.history.keys().size());
		figures.put("keysNotAtLastAcknowledged", overtaken);
		figures.put("requests", this.requests.count());
		figures.put("faultsInjected", this.faults.injectedCount());
		figures.put("wallMs", wall);
		System.out.println("[unknown-outcomes] " + figures);
	}

	/** A put, a delete, or a bulk put of two of the writer's keys. */
	private void step(KVNamespace kv, String prefix, String key, int keys, Random random, int n) {
		int dice = random.nextInt(100);
		String value = key + "#" + n;
		if (dice < 55) {
			this.history.write(key, value, () -> kv.put(key, value));
		}
		else if (dice < 70) {
			this.history.write(key, null, () -> kv.delete(key));
		}
		else {
			String other = prefix + ((Integer.parseInt(key.substring(prefix.length())) + 1 + random.nextInt(keys - 1)) % keys);
			List<BulkWrite> writes = List.of(BulkWrite.of(key, value), BulkWrite.of(other, other + "#" + n));
			BulkResult result;
			Throwable failure = null;
			try {
				result = kv.bulkPut(writes);
			}
			catch (CloudflareBulkException ex) {
				result = ex.result();
				failure = ex;
			}
			catch (RuntimeException ex) {
				result = new BulkResult(0, List.of(key, other));
				failure = ex;
			}
			for (BulkWrite write : writes) {
				this.history.record(write.key(), write.value(), result.unsuccessfulKeys().contains(write.key())
						? failedItem(failure) : WriteHistory.Outcome.ACKNOWLEDGED);
			}
		}
	}

	/** One to three writes of a key without waiting for each, then waits for them all. */
	private void pacedBurst(KVNamespace kv, String key, Random random, int n) {
		int burst = 1 + random.nextInt(3);
		List<String> values = new ArrayList<>();
		List<CompletableFuture<Void>> sent = new ArrayList<>();
		for (int i = 0; i < burst; i++) {
			boolean delete = random.nextInt(100) < 20;
			String value = delete ? null : key + "#" + n + "." + i;
			values.add(value);
			sent.add(delete ? kv.deleteAsync(key) : kv.putAsync(key, value, PutOptions.none()));
		}
		for (int i = 0; i < burst; i++) {
			Throwable failure = null;
			try {
				sent.get(i).get(60, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				failure = ex.getCause();
			}
			catch (Exception ex) {
				throw new AssertionError("A paced write did not complete within 60 s", ex);
			}
			this.history.record(key, values.get(i), WriteHistory.Outcome.of(failure));
		}
	}

	private static WriteHistory.Outcome failedItem(@Nullable Throwable failure) {
		return (failure != null) ? WriteHistory.Outcome.of(failure) : WriteHistory.Outcome.FAILED;
	}

	private static @Nullable Throwable catchFailure(Runnable call) {
		try {
			call.run();
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private @Nullable String stored(String key) {
		return this.running.store().namespace(this.namespaceId).get(key);
	}

}
