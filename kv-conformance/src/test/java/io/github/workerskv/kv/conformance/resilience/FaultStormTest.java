package io.github.workerskv.kv.conformance.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.cloudflare.CloudflareAmbiguousWriteException;
import io.github.workerskv.kv.cloudflare.CloudflareIOException;
import io.github.workerskv.kv.cloudflare.CloudflareRetryExhaustedException;
import io.github.workerskv.kv.cloudflare.CloudflareServerException;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 mixed operations while the emulator answers 10 % of requests with 500, 502 or 503, drops 5 % of
 * connections without an answer, and delays every request by 0 to 3 ms: every write the client acknowledged is
 * in the store, every read returns what the model says, and every failure a caller saw came after all five
 * attempts: a {@link CloudflareRetryExhaustedException}, or a {@link CloudflareAmbiguousWriteException} for a
 * write whose last attempt got no answer.
 *
 * <p>Each of the 16 threads owns 8 keys, so a key's history is sequential and the expected state is exact: an
 * acknowledged write fixes a key's value; a write that failed leaves it "either the old or the new value"
 * until a read settles it. Retry backoffs are scaled down from 500 ms..8 s to 1..8 ms by configuration
 * (there is no {@code Retry-After} on these faults); the number of attempts is the default, five. A write
 * whose connection was dropped, or that a 502 answered, has an unknown outcome, which the client retries only
 * after a settle time: the emulator never applies such a request, so a settle time of 5 ms is true of it.
 */
class FaultStormTest {

	private static final int THREADS = 16;

	private static final int OPERATIONS = 10_000;

	private static final int KEYS_PER_THREAD = 8;

	private static final int ATTEMPTS = 5;

	@Test
	void acknowledgedWritesAreStoredAndEveryFailureCameAfterAllAttempts() throws InterruptedException {
		try (ResilientAccount account = new ResilientAccount((emulator) -> emulator,
				(client) -> client.withRetry(RetryOptions.defaults().withMaxAttempts(ATTEMPTS)
					.withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(8))
					.withDeadline(Duration.ofSeconds(20))
					.withAmbiguousWriteSettleTime(Duration.ofMillis(5))))) {
			account.emulator().faults().seed(42).serverErrorRate(0.10).dropRate(0.05)
				.latency(Duration.ZERO, Duration.ofMillis(3));
			KVNamespace kv = account.namespace();
			List<Model> models = new ArrayList<>();
			List<Throwable> failures = new ArrayList<>();
			AtomicInteger operations = new AtomicInteger();
			long start = System.nanoTime();
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			for (int t = 0; t < THREADS; t++) {
				Model model = new Model("t" + t + "-");
				models.add(model);
				Random random = new Random(1000 + t);
				threads.execute(() -> {
					for (int n = 0; n < OPERATIONS / THREADS; n++) {
						operations.incrementAndGet();
						try {
							model.step(kv, random, n);
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
			assertThat(threads.awaitTermination(100, TimeUnit.SECONDS)).as("operations done within 100 s").isTrue();
			long wall = (System.nanoTime() - start) / 1_000_000;
			account.emulator().faults().reset();

			assertThat(operations.get()).isEqualTo(OPERATIONS);
			assertThat(failures).allSatisfy((failure) -> {
				if (failure instanceof CloudflareAmbiguousWriteException unknown) {
					assertThat(unknown.attempts()).isEqualTo(ATTEMPTS);
					return;
				}
				assertThat(failure).isInstanceOf(CloudflareRetryExhaustedException.class);
				CloudflareRetryExhaustedException exhausted = (CloudflareRetryExhaustedException) failure;
				assertThat(exhausted.attempts()).isEqualTo(ATTEMPTS);
				assertThat(exhausted.lastFailure()).isInstanceOfAny(CloudflareServerException.class,
						CloudflareIOException.class);
			});
			KVNamespace stored = account.emulator().store().namespace(account.namespace().id());
			int checked = 0;
			for (Model model : models) {
				assertThat(model.mismatches()).as("reads that disagreed with the model").isEmpty();
				checked += model.verify(stored);
			}
			assertThat(checked).isEqualTo(THREADS * KEYS_PER_THREAD);
			assertThat(account.statistics().retries()).isGreaterThan(OPERATIONS / 20);
			assertThat(account.statistics().giveUps()).isEqualTo(failures.size());

			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("operations", OPERATIONS);
			figures.put("threads", THREADS);
			figures.put("faultsInjected", account.emulator().faults().injectedCount());
			figures.put("retries", account.statistics().retries());
			figures.put("failuresSeen", failures.size());
			figures.put("writesAcknowledged", models.stream().mapToInt((model) -> model.acknowledged).sum());
			figures.put("keysChecked", checked);
			figures.put("wallMs", wall);
			ResilientAccount.report("faults", figures);
		}
	}

	/**
	 * What one thread knows of its keys: for each key the values it may hold (one when the last write was
	 * acknowledged or a read settled it; more after failed writes; {@code null} for a missing key).
	 */
	private static final class Model {

		private final String prefix;

		private final Map<String, Set<@Nullable String>> possible = new LinkedHashMap<>();

		private final List<String> mismatches = new ArrayList<>();

		private int acknowledged;

		Model(String prefix) {
			this.prefix = prefix;
			for (int i = 0; i < KEYS_PER_THREAD; i++) {
				Set<@Nullable String> missing = new HashSet<>();
				missing.add(null);
				this.possible.put(prefix + i, missing);
			}
		}

		void step(KVNamespace kv, Random random, int n) {
			String key = this.prefix + random.nextInt(KEYS_PER_THREAD);
			int dice = random.nextInt(100);
			if (dice < 45) {
				String value = key + "#" + n;
				write(key, value, () -> kv.put(key, value));
			}
			else if (dice < 55) {
				write(key, null, () -> kv.delete(key));
			}
			else if (dice < 85) {
				settle(key, kv.get(key));
			}
			else if (dice < 95) {
				List<String> keys = List.of(key, this.prefix + random.nextInt(KEYS_PER_THREAD));
				kv.get(keys).forEach(this::settle);
			}
			else {
				kv.list(ListOptions.defaults().withPrefix(this.prefix));
			}
		}

		private void write(String key, @Nullable String value, Runnable call) {
			try {
				call.run();
			}
			catch (RuntimeException ex) {
				this.possible.get(key).add(value);
				throw ex;
			}
			Set<@Nullable String> now = new HashSet<>();
			now.add(value);
			this.possible.put(key, now);
			this.acknowledged++;
		}

		private void settle(String key, @Nullable String read) {
			if (!this.possible.get(key).contains(read)) {
				this.mismatches.add(key + " read " + read + ", expected one of " + this.possible.get(key));
			}
			Set<@Nullable String> now = new HashSet<>();
			now.add(read);
			this.possible.put(key, now);
		}

		List<String> mismatches() {
			return this.mismatches;
		}

		int verify(KVNamespace stored) {
			this.possible.forEach((key, values) -> assertThat(values).as(key).contains(stored.get(key)));
			return this.possible.size();
		}

	}

}
