package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The pacing rule on its own: a key's write is sent at once when its window is open, else it waits and
 * later writes of the key replace it. The clock and the scheduler are moved by hand; sends run in the
 * test's thread; nothing sleeps.
 */
class WritePacerTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private final WritePacer pacer = new WritePacer(WritePacingOptions.enabledByDefault(), null, this.clock, Runnable::run,
			this.scheduler, this.statistics);

	private final List<String> sent = new ArrayList<>();

	@Test
	void theFirstWriteOfAKeyIsSentAtOnceInTheCallersThread() {
		CompletableFuture<Void> done = this.pacer.submit(put("k", "1"), true);
		assertThat(this.sent).containsExactly("k=1");
		assertThat(done).isCompleted();
	}

	@Test
	void writesWithinTheWindowWaitAndCoalesceSoThatTheLastOneWins() {
		this.pacer.submit(put("k", "1"), true);
		CompletableFuture<Void> second = this.pacer.submit(put("k", "2"), true);
		CompletableFuture<Void> third = this.pacer.submit(put("k", "3"), false);
		CompletableFuture<Void> fourth = this.pacer.submit(put("k", "4"), false);
		assertThat(this.sent).containsExactly("k=1");
		assertThat(second).isNotDone();
		this.scheduler.advance(Duration.ofMillis(999));
		assertThat(this.sent).containsExactly("k=1");
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.sent).containsExactly("k=1", "k=4");
		assertThat(List.of(second, third, fourth)).allMatch(CompletableFuture::isDone)
			.noneMatch(CompletableFuture::isCompletedExceptionally);
		assertThat(this.statistics.coalescedWrites()).isEqualTo(2);
	}

	@Test
	void aDeleteIsAWriteToo() {
		this.pacer.submit(put("k", "1"), true);
		this.pacer.submit(put("k", "2"), true);
		this.pacer.submit(delete("k"), true);
		assertThat(this.pacer.latest("ns", "k").delete()).isTrue();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.sent).containsExactly("k=1", "delete k");
	}

	@Test
	void keysArePacedApartFromEachOther() {
		this.pacer.submit(put("a", "1"), true);
		this.pacer.submit(put("b", "1"), true);
		this.pacer.submit(put("a", "2"), true);
		assertThat(this.sent).containsExactly("a=1", "b=1");
	}

	@Test
	void theWindowCountsFromTheEndOfTheLastSend() {
		this.pacer.submit(put("k", "1"), true);
		this.clock.advance(Duration.ofMillis(1500));
		this.pacer.submit(put("k", "2"), true);
		assertThat(this.sent).containsExactly("k=1", "k=2");
		this.pacer.submit(put("k", "3"), true);
		this.scheduler.advance(Duration.ofMillis(500));
		assertThat(this.sent).containsExactly("k=1", "k=2");
		this.scheduler.advance(Duration.ofMillis(500));
		assertThat(this.sent).containsExactly("k=1", "k=2", "k=3");
	}

	@Test
	void aFailedSendInTheCallersThreadIsThrownToTheCaller() {
		IllegalStateException boom = new IllegalStateException("boom");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.pacer.submit(failing("k", boom), true))
			.isSameAs(boom);
		assertThat(this.statistics.failedWrites()).isZero();
		this.pacer.flush(null, Duration.ZERO);
	}

	@Test
	void aPendingWriteThatFailsIsReportedAndThrownByTheNextFlushOnce() {
		this.pacer.submit(put("k", "1"), true);
		CompletableFuture<Void> accepted = this.pacer.submit(failing("k", new IllegalStateException("503 for good")), true);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(accepted).isCompletedExceptionally();
		assertThat(this.statistics.failedWrites()).isEqualTo(1);
		assertThatExceptionOfType(CloudflarePacedWriteException.class).isThrownBy(() -> this.pacer.flush("ns", Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.keys()).containsExactly("ns/k");
				assertThat(ex.failures()).extracting(Throwable::getMessage).containsExactly("503 for good");
				assertThat(ex.getMessage()).startsWith("1 paced write could not be sent: ns/k");
			});
		this.pacer.flush("ns", Duration.ZERO);
	}

	@Test
	void afterAWriteWithAnUnknownOutcomeTheKeysNextWriteWaitsForTheSettleTime() {
		WritePacer settling = new WritePacer(WritePacingOptions.enabledByDefault(), Duration.ofSeconds(5), this.clock,
				Runnable::run, this.scheduler, this.statistics);
		CloudflareAmbiguousWriteException unknown = new CloudflareAmbiguousWriteException("held", 1, Duration.ZERO,
				new CloudflareTimeoutException("timed out", 0, List.of(), null, null, true));
		assertThatExceptionOfType(CloudflareAmbiguousWriteException.class)
			.isThrownBy(() -> settling.submit(failing("k", unknown), true));
		settling.submit(put("k", "2"), true);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.sent).as("one interval is not enough after an unknown outcome").isEmpty();
		this.scheduler.advance(Duration.ofSeconds(4));
		assertThat(this.sent).containsExactly("k=2");
		// any other failure closes the window for one interval only
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> settling.submit(failing("j", new IllegalStateException("400")), true));
		settling.submit(put("j", "2"), true);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.sent).containsExactly("k=2", "j=2");
	}

	@Test
	void anAsyncWritesFailureGoesToItsFutureOnly() {
		this.pacer.submit(put("k", "1"), true);
		CompletableFuture<Void> async = this.pacer.submit(failing("k", new IllegalStateException("no")), false);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(async).isCompletedExceptionally();
		assertThat(this.statistics.failedWrites()).isZero();
		this.pacer.flush(null, Duration.ZERO);
	}

	@Test
	void readsFindThePendingWriteThenTheOneInFlight() {
		assertThat(this.pacer.latest("ns", "k")).isNull();
		this.pacer.submit(put("k", "1"), true);
		this.pacer.submit(put("k", "2"), true);
		assertThat(this.pacer.latest("ns", "k").value().bytes()).asString().isEqualTo("2");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.pacer.latest("ns", "k")).isNull();
	}

	@Test
	void aBulkCallReplacesPendingWritesAndSettlesThem() {
		this.pacer.submit(put("a", "1"), true);
		this.pacer.submit(put("b", "1"), true);
		CompletableFuture<Void> a = this.pacer.submit(put("a", "2"), false);
		CompletableFuture<Void> b = this.pacer.submit(put("b", "2"), false);
		Map<String, List<WritePacer.Waiter>> superseded = this.pacer.supersede("ns", List.of("a", "b", "c"), "ns", "bulk_put");
		assertThat(superseded).containsOnlyKeys("a", "b");
		this.pacer.settle("ns", "ns", "bulk_put", superseded, Set.of("b"), new IllegalStateException("unconfirmed"));
		assertThat(a).isCompleted();
		assertThat(b).isCompletedExceptionally();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.sent).containsExactly("a=1", "b=1");
		assertThat(this.statistics.coalescedWrites()).isEqualTo(2);
	}

	@Test
	void closingSendsWhatIsPendingAndFailsWhatItCannotSendInTime() {
		this.pacer.submit(put("k", "1"), true);
		CompletableFuture<Void> pending = this.pacer.submit(put("k", "2"), true);
		assertThatExceptionOfType(CloudflarePacedWriteException.class)
			.isThrownBy(() -> this.pacer.close(Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.keys()).containsExactly("ns/k"));
		assertThat(pending).isCompletedExceptionally();
		assertThat(this.statistics.failedWrites()).isEqualTo(1);
		assertThat(this.scheduler.isShutdown()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> this.pacer.submit(put("k", "3"), true))
			.withMessageContaining("closed");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.sent).containsExactly("k=1");
	}

	@Test
	void aStreamedWriteHoldsTheKeyWhileItIsSent() {
		WritePacer.Write streamed = new WritePacer.Write("ns", "ns", "k", "put", null, () -> {
		});
		assertThat(this.pacer.tryBegin(streamed)).isTrue();
		assertThat(this.pacer.tryBegin(streamed)).isFalse();
		this.pacer.submit(put("k", "2"), true);
		this.pacer.end(streamed, null);
		assertThat(this.sent).isEmpty();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.sent).containsExactly("k=2");
	}

	private WritePacer.Write put(String key, String value) {
		return new WritePacer.Write("ns", "ns", key, "put", StoredValue.ofBytes(value.getBytes(), null, null),
				() -> this.sent.add(key + "=" + value));
	}

	private WritePacer.Write delete(String key) {
		return new WritePacer.Write("ns", "ns", key, "delete", null, () -> this.sent.add("delete " + key));
	}

	private WritePacer.Write failing(String key, RuntimeException failure) {
		return new WritePacer.Write("ns", "ns", key, "put", StoredValue.ofBytes(new byte[0], null, null), () -> {
			throw failure;
		});
	}

}
