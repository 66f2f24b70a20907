package io.github.workerskv.kv.conformance.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.Faults;
import io.github.workerskv.kv.emulator.RequestLine;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk upload of 25,000 items (three requests of at most 10,000) while the emulator fails requests and
 * reports keys in {@code unsuccessful_keys}: the first request fails twice (a 503, then a dropped connection),
 * the third once with a 429, and 60 keys spread over all three come back unsuccessful. The upload ends with all
 * 25,000 items stored, having sent again only the failed requests and the 60 keys, never the whole upload.
 *
 * <p>The unsuccessful keys are a transient failure: the emulator reports them until the client starts sending
 * them again (the listener's {@code onBulkKeysResent} clears them), as a backend that catches up would. The
 * 429's {@code Retry-After: 1} is capped at 20 ms and backoffs are 1..8 ms by configuration. The dropped
 * connection leaves the outcome of its request unknown, which the client retries only after a settle time: the
 * emulator never applies a request whose connection it drops, so a settle time of 20 ms is true of it.
 */
class BulkUploadTest {

	private static final int ITEMS = 25_000;

	@Test
	void allItemsAreStoredResendingOnlyWhatFailed() {
		List<String> failing = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			failing.add(key(7 + i * 416));
		}
		AtomicInteger resent = new AtomicInteger();
		Faults[] faults = new Faults[1];
		KVListener recoverAfterTheFirstRound = new KVListener() {

			@Override
			public void onBulkKeysResent(String binding, String operation, int keys) {
				resent.addAndGet(keys);
				faults[0].reset();
			}

		};
		try (ResilientAccount account = new ResilientAccount((emulator) -> emulator,
				(client) -> client.withRetry(RetryOptions.defaults()
					.withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(8))
					.withMaxRetryAfter(Duration.ofMillis(20))
					.withAmbiguousWriteSettleTime(Duration.ofMillis(20))), recoverAfterTheFirstRound)) {
			faults[0] = account.emulator().faults();
			var bulkPuts = RequestLine.matching("PUT", "/bulk$");
			faults[0].next(1, bulkPuts, Fault.serverError(503))
				.next(1, bulkPuts, Fault.dropConnection())
				.next(2, bulkPuts, Fault.delay(Duration.ZERO))
				.next(1, bulkPuts, Fault.rateLimited(Duration.ofSeconds(1)))
				.failBulkKeys(failing);
			List<BulkWrite> writes = new ArrayList<>(ITEMS);
			for (int i = 0; i < ITEMS; i++) {
				writes.add(BulkWrite.of(key(i), "value-" + i));
			}
			long start = System.nanoTime();
			BulkResult result = account.namespace().bulkPut(writes);
			long wall = (System.nanoTime() - start) / 1_000_000;

			assertThat(result.isComplete()).isTrue();
			assertThat(result.successfulKeyCount()).isEqualTo(ITEMS);
			KVNamespace stored = account.emulator().store().namespace(account.namespace().id());
			assertThat(count(stored)).isEqualTo(ITEMS);
			assertThat(failing).allSatisfy((key) -> assertThat(stored.get(key)).isEqualTo("value-" + index(key)));
			assertThat(stored.get(key(ITEMS - 1))).isEqualTo("value-" + (ITEMS - 1));
			assertThat(resent.get()).isEqualTo(failing.size());
			assertThat(account.statistics().retries()).isEqualTo(3);
			assertThat(account.statistics().rateLimited()).isEqualTo(1);

			Map<String, Object> figures = new LinkedHashMap<>();
			figures.put("items", ITEMS);
			figures.put("stored", count(stored));
			figures.put("requestRetries", account.statistics().retries());
			figures.put("429sSeen", account.statistics().rateLimited());
			figures.put("unsuccessfulKeysResent", account.statistics().bulkKeysResent());
			figures.put("requestFaults", "503, drop, 429");
			figures.put("unsuccessfulKeysInjected", failing.size());
			figures.put("wallMs", wall);
			ResilientAccount.report("bulk", figures);
		}
	}

	private static String key(int index) {
		return String.format("item-%05d", index);
	}

	private static int index(String key) {
		return Integer.parseInt(key.substring("item-".length()));
	}

	private static int count(KVNamespace namespace) {
		int count = 0;
		ListOptions options = ListOptions.defaults();
		for (int page = 0; page < 100; page++) {
			ListResult result = namespace.list(options);
			count += result.keys().size();
			if (result.listComplete()) {
				return count;
			}
			options = options.withCursor(result.cursor());
		}
		throw new AssertionError("the listing did not end within 100 pages");
	}

}
