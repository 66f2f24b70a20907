package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Write pacing as a namespace's caller sees it: what {@code put} and {@code putAsync} returning means,
 * reads of pending writes, bulk calls over pending writes, and flushing. The clock and the pacing
 * scheduler are moved by hand; the writes go over HTTP to the emulator, which runs on the same clock and
 * refuses a second write of a key within a second, as KV does: no test may see it refuse one.
 */
class PacedClientTest {

	private static final Predicate<RequestLine> PUTS = RequestLine.matching("PUT", "/values/");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(EmulatedAccount.options().withClock(this.clock).withEnforceWriteRate(true));

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private RequestLog requests;

	private CloudflareKVClient client;

	private CloudflareKVNamespace kv;

	@BeforeEach
	void start() {
		this.requests = RequestLog.of(this.emulator.emulator());
		this.client = new DefaultCloudflareKVClient(EmulatedAccount.config(this.emulator.emulator())
			.withClock(this.clock)
			.withAsyncExecutor(Runnable::run)
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(2)))
			.withWritePacing(WritePacingOptions.enabledByDefault().withShutdownTimeout(Duration.ZERO))
			.withListener(this.statistics), System::nanoTime, this.scheduler);
		this.kv = this.client.namespace(this.client.createNamespace("paced").id());
	}

	@AfterEach
	void close() {
		this.scheduler.advance(Duration.ofSeconds(5));
		this.client.close();
		assertThat(this.emulator.emulator().stats().writeRateRejections()).as("writes of a key within a second")
			.isZero();
	}

	@Test
	void putReturnsOnceAcceptedAndTheWriteIsSentWhenTheKeysWindowOpens() {
		this.kv.put("hot", "1");
		this.kv.put("hot", "2");
		this.kv.put("hot", "3");
		assertThat(stored("hot")).isEqualTo("1");
		assertThat(this.requests.count(PUTS)).isEqualTo(1);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(stored("hot")).isEqualTo("3");
		assertThat(this.requests.count(PUTS)).isEqualTo(2);
		assertThat(this.statistics.coalescedWrites()).isEqualTo(1);
	}

	@Test
	void readsThroughTheClientSeeTheirOwnPendingWrites() {
		this.kv.put("k", "1");
		this.kv.put("k", "2", PutOptions.none().withMetadata(Map.of("v", 2)));
		int before = this.requests.count();
		assertThat(this.kv.get("k")).isEqualTo("2");
		assertThat(this.kv.getWithMetadata("k", ValueType.text(), GetOptions.defaults()).metadata().get("v").asInt())
			.isEqualTo(2);
		assertThat(this.requests.count()).as("pending writes are read without asking the server").isEqualTo(before);
		assertThat(this.kv.get(List.of("k", "other"))).containsEntry("k", "2").containsEntry("other", null);
		this.kv.delete("k");
		assertThat(this.kv.get("k")).isNull();
		assertThat(stored("k")).isEqualTo("1");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(stored("k")).isNull();
		assertThat(this.kv.get("k")).isNull();
	}

	@Test
	void putAsyncCompletesWhenTheWriteWasSentNotWhenItWasAccepted() {
		this.kv.put("k", "1");
		CompletableFuture<Void> second = this.kv.putAsync("k", "2", PutOptions.none());
		CompletableFuture<Void> delete = this.kv.deleteAsync("other");
		assertThat(delete).isCompleted();
		assertThat(second).isNotDone();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(second).isCompleted();
		assertThat(stored("k")).isEqualTo("2");
	}

	@Test
	void aPendingWriteThatFailsForGoodIsThrownByFlush() {
		this.kv.put("k", "1");
		this.kv.put("k", "2");
		this.emulator.emulator().faults().next(5, PUTS, Fault.serverError(503));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.requests.count(PUTS)).isEqualTo(6);
		assertThat(this.statistics.failedWrites()).isEqualTo(1);
		assertThatExceptionOfType(CloudflarePacedWriteException.class).isThrownBy(this.kv::flush)
			.satisfies((ex) -> {
				assertThat(ex.keys()).containsExactly(this.kv.id() + "/k");
				assertThat(ex.failures().get(0)).isInstanceOf(CloudflareRetryExhaustedException.class);
				assertThat(ex.httpStatus()).isEqualTo(503);
			});
		assertThat(stored("k")).isEqualTo("1");
	}

	@Test
	void aBulkWriteReplacesPendingWritesOfItsKeys() {
		this.kv.put("a", "1");
		CompletableFuture<Void> pending = this.kv.putAsync("a", "2", PutOptions.none());
		this.clock.advance(Duration.ofSeconds(1));
		this.kv.bulkPut(List.of(BulkWrite.of("a", "bulk"), BulkWrite.of("b", "bulk")));
		assertThat(pending).isCompleted();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(stored("a")).isEqualTo("bulk");
		assertThat(this.requests.count(PUTS)).as("the pending put was never sent").isEqualTo(1);
		assertThat(this.statistics.coalescedWrites()).isEqualTo(1);
	}

	@Test
	void aStreamedPutWithinTheWindowIsBufferedAndPacedLikeBytes() {
		this.kv.put("k", "1");
		this.kv.put("k", new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), PutOptions.none());
		assertThat(this.kv.get("k")).isEqualTo("streamed");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(stored("k")).isEqualTo("streamed");
	}

	@Test
	void closingTheClientFailsAndReportsWhatItCouldNotSend() {
		this.kv.put("k", "1");
		this.kv.put("k", "2");
		assertThatExceptionOfType(CloudflarePacedWriteException.class).isThrownBy(this.client::close);
		assertThat(this.statistics.failedWrites()).isEqualTo(1);
		assertThat(stored("k")).isEqualTo("1");
	}

	@Test
	void closingTheClientSendsPendingWritesWithinItsShutdownTimeout() {
		CloudflareKVClient paced = CloudflareKVClient.create(EmulatedAccount.config(this.emulator.emulator())
			.withWritePacing(WritePacingOptions.enabledByDefault().withInterval(Duration.ofMillis(20))
				.withShutdownTimeout(Duration.ofSeconds(10))));
		CloudflareKVNamespace other = paced.namespace(paced.createNamespace("closing").id());
		this.clock.advance(Duration.ofSeconds(1));
		other.put("k", "1");
		this.clock.advance(Duration.ofSeconds(1));
		other.put("k", "2");
		paced.close();
		assertThat(this.emulator.emulator().store().namespace(other.id()).get("k")).isEqualTo("2");
	}

	private @Nullable String stored(String key) {
		return this.emulator.emulator().store().namespace(this.kv.id()).get(key);
	}

}
