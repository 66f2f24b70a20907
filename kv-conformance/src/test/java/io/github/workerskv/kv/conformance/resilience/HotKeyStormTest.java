package io.github.workerskv.kv.conformance.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 429 storm: 50 threads write 5,000 values to 20 hot keys while the emulator enforces KV's one write per
 * second per key (and, on top, answers 5 % of requests with an injected 429). With write pacing on, every key
 * ends up holding the last value written to it and no caller sees an error.
 *
 * <p>"Last" is well defined because each key's writes are numbered under a per-key lock, and a write is
 * accepted by the pacer before the lock is released. Time is real: the pacing interval is KV's one second,
 * and each writer spreads its 100 writes over about two seconds (0-40 ms apart), so the storm spans several
 * windows of every key; the pacer sends at most one write per key per second and coalesces the rest.
 * Injected 429s carry {@code Retry-After: 1}; the test caps it at 300 ms ({@code maxRetryAfter}) so that
 * retries do not add whole seconds.
 */
class HotKeyStormTest {

	private static final int THREADS = 50;

	private static final int WRITES = 5_000;

	private static final int KEYS = 20;

	@Test
	void everyHotKeyHoldsItsLastValueAndNoCallerSeesAnError() throws InterruptedException {
		try (ResilientAccount account = new ResilientAccount((emulator) -> emulator.withEnforceWriteRate(true),
				(client) -> client.withWritePacing(WritePacingOptions.enabledByDefault())
					.withRetry(RetryOptions.defaults().withMaxRetryAfter(Duration.ofMillis(300))))) {
			account.emulator().faults().seed(6).rateLimitRate(0.05);
			KVNamespace kv = account.namespace();
			ReentrantLock[] locks = new ReentrantLock[KEYS];
			long[] sequences = new long[KEYS];
			Map<String, String> last = new ConcurrentHashMap<>();
			for (int i = 0; i < KEYS; i++) {
				locks[i] = new ReentrantLock();
			}
			List<Throwable> errors = new ArrayList<>();
			long start = System.nanoTime();
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			for (int t = 0; t < THREADS; t++) {
				Random random = new Random(t);
				threads.execute(() -> {
					for (int n = 0; n < WRITES / THREADS; n++) {
						int index = random.nextInt(KEYS);
						String key = "hot-" + index;
						locks[index].lock();
						try {
							String value = key + ":" + (++sequences[index]);
							kv.put(key, value);
							last.put(key, value);
						}
						catch (RuntimeException ex) {
							synchronized (errors) {
								errors.add(ex);
							}
						}
						finally {
							locks[index].unlock();
						}
						pause(random.nextInt(40));
					}
				});
			}
			threads.shutdown();
			assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).as("writers done within 60 s").isTrue();
			long accepted = System.nanoTime();
			account.client().flush();
			long flushed = System.nanoTime();

			assertThat(errors).isEmpty();
			KVNamespace stored = account.emulator().store().namespace(account.namespace().id());
			assertThat(last).hasSize(KEYS);
			last.forEach((key, value) -> assertThat(stored.get(key)).as(key).isEqualTo(value));
			assertThat(account.statistics().failedWrites()).isZero();
			assertThat(account.statistics().giveUps()).isZero();
			assertThat(account.emulator().stats().writeRateRejections()).as("429s for writing a key twice in a second")
				.isZero();
			assertThat(account.statistics().coalescedWrites()).isGreaterThan(WRITES / 2);

			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("threads", THREADS);
			figures.put("writes", WRITES);
			figures.put("keys", KEYS);
			figures.put("coalesced", account.statistics().coalescedWrites());
			figures.put("writesSent", WRITES - account.statistics().coalescedWrites());
			figures.put("429sSeen", account.statistics().rateLimited());
			figures.put("429sInjected", account.emulator().faults().injectedCount());
			figures.put("writeRate429s", account.emulator().stats().writeRateRejections());
			figures.put("retries", account.statistics().retries());
			figures.put("errors", errors.size());
			figures.put("acceptMs", (accepted - start) / 1_000_000);
			figures.put("wallMs", (flushed - start) / 1_000_000);
			ResilientAccount.report("429 storm", figures);
			assertThat(new String(stored.getBytes("hot-0"), StandardCharsets.UTF_8)).startsWith("hot-0:");
		}
	}

	/** Spreads a writer's writes over about two seconds, so that the storm spans several pacing windows. */
	private static void pause(int millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
