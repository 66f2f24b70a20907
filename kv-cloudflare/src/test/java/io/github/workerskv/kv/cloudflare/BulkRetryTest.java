package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bulk calls retry only what failed: a failed request on its own, and the keys listed in
 * {@code unsuccessful_keys}; never the whole upload, and never stopping at a failed request. Against the
 * emulator over HTTP, which enforces KV's one write per second per key on a clock the test moves, so that
 * a key written again too soon is refused where it arrives.
 */
class BulkRetryTest {

	private static final Predicate<RequestLine> BULK_PUTS = RequestLine.matching("PUT", "/bulk$");

	private final KVEmulatorClock clock = KVEmulatorClock.at(Instant.parse("2026-01-01T00:00:00Z"));

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(EmulatedAccount.options().withClock(this.clock).withEnforceWriteRate(true));

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private RequestLog requests;

	private CloudflareKVClient client;

	private CloudflareKVNamespace kv;

	@BeforeEach
	void log() {
		this.requests = RequestLog.of(this.emulator.emulator());
	}

	private void start(RetryOptions retry, KVListener listener) {
		this.client = CloudflareKVClient.create(EmulatedAccount.config(this.emulator.emulator())
			.withClock(this.clock)
			.withRetry(retry)
			.withListener(KVListener.composite(List.of(this.statistics, listener))));
		this.kv = this.client.namespace(this.client.createNamespace("bulk").id());
		this.emulator.emulator().resetStats();
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void onlyTheUnsuccessfulKeysAreSentAgain() {
		Duration half = Duration.ofMillis(500);
		start(fast(), new KVListener() {

			@Override
			public void onBulkKeysResent(String binding, String operation, int keys) {
				BulkRetryTest.this.clock.advance(half);
			}

		});
		this.kv.put("key-00003", "early");
		this.kv.put("key-00017", "early");
		this.clock.advance(half);
		int before = this.requests.count(BULK_PUTS);

		BulkResult result = this.kv.bulkPut(writes(25));

		// Round 1 writes 23 keys; the two written half a second ago are refused (unsuccessful_keys). Round 2,
		// half a second later, may write those two but would be refused any of the 23 again.
		assertThat(result).isEqualTo(new BulkResult(25, List.of()));
		assertThat(this.requests.count(BULK_PUTS) - before).isEqualTo(2);
		assertThat(this.emulator.emulator().stats().writeRateThrottledBulkKeys()).isEqualTo(2);
		assertThat(this.statistics.bulkKeysResent()).isEqualTo(2);
		assertThat(stored("key-00003")).isEqualTo("value-3");
		assertThat(count(store())).isEqualTo(25);
	}

	@Test
	void keysThatStayUnsuccessfulAreResentAloneInEveryRoundAndReportedInTheResult() {
		start(fast().withMaxAttempts(3), KVListener.none());
		this.emulator.emulator().faults().failBulkKeys("key-00001");
		BulkResult result = this.kv.bulkPut(writes(5));
		assertThat(result).isEqualTo(new BulkResult(4, List.of("key-00001")));
		assertThat(this.requests.count(BULK_PUTS)).isEqualTo(3);
		assertThat(this.statistics.bulkKeysResent()).isEqualTo(2);
		assertThat(this.emulator.emulator().stats().writeRateThrottledBulkKeys()).as("nothing else was sent again")
			.isZero();
		assertThat(stored("key-00001")).isNull();
	}

	@Test
	void withRetriesOffUnsuccessfulKeysAreReportedAfterOneRequest() {
		start(RetryOptions.disabled(), KVListener.none());
		this.kv.bulkPut(writes(2));
		this.clock.advance(Duration.ofSeconds(1));
		this.emulator.emulator().faults().failBulkKeys("key-00001");
		int before = this.requests.count();
		BulkResult result = this.kv.bulkDelete(List.of("key-00000", "key-00001"));
		assertThat(result).isEqualTo(new BulkResult(1, List.of("key-00001")));
		assertThat(this.requests.count() - before).isEqualTo(1);
		assertThat(stored("key-00000")).isNull();
		assertThat(stored("key-00001")).isEqualTo("value-1");
	}

	@Test
	void aFailedRequestIsRetriedOnItsOwnAndTheNextOnesStillGo() {
		start(fast(), KVListener.none());
		this.emulator.emulator().faults().next(2, BULK_PUTS, Fault.serverError(503));
		BulkResult result = this.kv.bulkPut(writes(12_000));
		assertThat(result).isEqualTo(new BulkResult(12_000, List.of()));
		assertThat(this.requests.count(BULK_PUTS)).as("the first request three times, then the second").isEqualTo(4);
		assertThat(this.statistics.retries()).isEqualTo(2);
		assertThat(this.statistics.bulkKeysResent()).isZero();
		assertThat(count(store())).isEqualTo(12_000);
	}

	@Test
	void aRequestThatFailsForGoodIsReportedWhileTheOthersLand() {
		start(fast().withMaxAttempts(3), KVListener.none());
		this.emulator.emulator().faults().next(3, BULK_PUTS, Fault.serverError(500));
		List<BulkWrite> writes = writes(12_000);
		assertThatExceptionOfType(CloudflareBulkException.class).isThrownBy(() -> this.kv.bulkPut(writes))
			.satisfies((ex) -> {
				assertThat(ex.failures()).singleElement().isInstanceOf(CloudflareRetryExhaustedException.class);
				assertThat(ex.result().successfulKeyCount()).isEqualTo(2_000);
				assertThat(ex.result().unsuccessfulKeys()).hasSize(10_000).startsWith("key-00000");
				assertThat(ex.getMessage()).contains("1 of 2 requests failed and 10000 keys are unconfirmed");
			});
		assertThat(this.requests.count(BULK_PUTS)).isEqualTo(4);
		assertThat(count(store())).isEqualTo(2_000);
		assertThat(stored("key-10000")).isEqualTo("value-10000");
		assertThat(stored("key-09999")).isNull();
	}

	private static RetryOptions fast() {
		return RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4));
	}

	private static List<BulkWrite> writes(int count) {
		List<BulkWrite> writes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			writes.add(BulkWrite.of(String.format("key-%05d", i), "value-" + i));
		}
		return writes;
	}

	private KVNamespace store() {
		KVEmulator running = this.emulator.emulator();
		return running.store().namespace(this.kv.id());
	}

	private String stored(String key) {
		return store().get(key);
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
