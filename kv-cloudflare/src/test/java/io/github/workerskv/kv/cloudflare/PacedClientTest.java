package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Write pacing as a namespace's caller sees it: what {@code put} and {@code putAsync} returning means,
 * reads of pending writes, bulk calls over pending writes, and flushing. The clock and the pacing
 * scheduler are moved by hand; the API is in memory.
 */
class PacedClientTest {

	private static final String NS = "0f2ac74b498b48028cb68387c421e279";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ManualScheduler scheduler = new ManualScheduler(this.clock);

	private final FakeKVApi api = new FakeKVApi();

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private final CloudflareKVClient client = new DefaultCloudflareKVClient(CloudflareKVConfig
		.of("acct", Credentials.apiToken("paced-token"))
		.withBaseUrl("http://127.0.0.1:9/client/v4")
		.withClock(this.clock)
		.withAsyncExecutor(Runnable::run)
		.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(2)))
		.withWritePacing(WritePacingOptions.enabledByDefault().withShutdownTimeout(Duration.ZERO))
		.withResilienceListener(this.statistics), this.api, System::nanoTime, this.scheduler);

	private final CloudflareKVNamespace kv = this.client.namespace(NS);

	@AfterEach
	void close() {
		this.scheduler.advance(Duration.ofSeconds(5));
		this.client.close();
	}

	@Test
	void putReturnsOnceAcceptedAndTheWriteIsSentWhenTheKeysWindowOpens() {
		this.kv.put("hot", "1");
		this.kv.put("hot", "2");
		this.kv.put("hot", "3");
		assertThat(stored("hot")).isEqualTo("1");
		assertThat(puts()).isEqualTo(1);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(stored("hot")).isEqualTo("3");
		assertThat(puts()).isEqualTo(2);
		assertThat(this.statistics.coalescedWrites()).isEqualTo(1);
	}

	@Test
	void readsThroughTheClientSeeTheirOwnPendingWrites() {
		this.kv.put("k", "1");
		this.kv.put("k", "2", PutOptions.none().withMetadata(Map.of("v", 2)));
		assertThat(this.kv.get("k")).isEqualTo("2");
		assertThat(this.kv.getWithMetadata("k", ValueType.text(), GetOptions.defaults()).metadata().get("v").asInt())
			.isEqualTo(2);
		assertThat(this.kv.get(List.of("k", "other"))).containsEntry("k", "2").containsEntry("other", null);
		this.kv.delete("k");
		assertThat(this.kv.get("k")).isNull();
		assertThat(stored("k")).isEqualTo("1");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.api.value("k")).isNull();
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
		this.api.fail(5, (line) -> line.startsWith("PUT"), 503, Map.of());
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.statistics.failedWrites()).isEqualTo(1);
		assertThatExceptionOfType(CloudflarePacedWriteException.class).isThrownBy(this.kv::flush)
			.satisfies((ex) -> {
				assertThat(ex.keys()).containsExactly(NS + "/k");
				assertThat(ex.failures().get(0)).isInstanceOf(CloudflareRetryExhaustedException.class);
				assertThat(ex.httpStatus()).isEqualTo(503);
			});
		assertThat(stored("k")).isEqualTo("1");
	}

	@Test
	void aBulkWriteReplacesPendingWritesOfItsKeys() {
		this.kv.put("a", "1");
		CompletableFuture<Void> pending = this.kv.putAsync("a", "2", PutOptions.none());
		this.kv.bulkPut(List.of(BulkWrite.of("a", "bulk"), BulkWrite.of("b", "bulk")));
		assertThat(pending).isCompleted();
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(stored("a")).isEqualTo("bulk");
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
		FakeKVApi other = new FakeKVApi();
		CloudflareKVClient real = CloudflareKVClient.create(CloudflareKVConfig.of("acct", Credentials.apiToken("t"))
			.withBaseUrl("http://127.0.0.1:9/client/v4"));
		real.close();
		CloudflareKVClient paced = new DefaultCloudflareKVClient(real.config()
			.withWritePacing(WritePacingOptions.enabledByDefault().withInterval(Duration.ofMillis(20))
				.withShutdownTimeout(Duration.ofSeconds(10))), other, System::nanoTime, null);
		paced.namespace(NS).put("k", "1");
		paced.namespace(NS).put("k", "2");
		paced.close();
		assertThat(new String(other.value("k"), StandardCharsets.UTF_8)).isEqualTo("2");
	}

	private String stored(String key) {
		byte[] value = this.api.value(key);
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	private long puts() {
		return this.api.requests().stream().filter((line) -> line.startsWith("PUT")).count();
	}

}
