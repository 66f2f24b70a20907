package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bulk calls retry only what failed: a failed request on its own, and the keys listed in
 * {@code unsuccessful_keys}; never the whole upload, and never stopping at a failed request.
 */
class BulkRetryTest {

	private static final String NS = "ns";

	private final FakeKVApi api = new FakeKVApi();

	private final ResilienceStatistics statistics = new ResilienceStatistics();

	private CloudflareKVClient client;

	private CloudflareKVNamespace kv;

	private void start(RetryOptions retry) {
		this.client = new DefaultCloudflareKVClient(CloudflareKVConfig.of("acct", Credentials.apiToken("bulk-token"))
			.withBaseUrl("http://127.0.0.1:9/client/v4")
			.withRetry(retry)
			.withResilienceListener(this.statistics), this.api, System::nanoTime, null);
		this.kv = this.client.namespace(NS);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void onlyTheUnsuccessfulKeysAreSentAgain() {
		start(fast());
		this.api.unsuccessfulOnce(Set.of("key-00003", "key-00017"));
		BulkResult result = this.kv.bulkPut(writes(25));
		assertThat(result).isEqualTo(new BulkResult(25, List.of()));
		assertThat(this.api.requests()).containsExactly("PUT /client/v4/accounts/acct/storage/kv/namespaces/ns/bulk (25 keys)",
				"PUT /client/v4/accounts/acct/storage/kv/namespaces/ns/bulk (2 keys)");
		assertThat(this.api.size()).isEqualTo(25);
		assertThat(this.statistics.bulkKeysResent()).isEqualTo(2);
	}

	@Test
	void aFailedRequestIsRetriedOnItsOwnAndTheNextOnesStillGo() {
		start(fast());
		this.api.fail(2, (line) -> line.contains("/bulk"), 503, Map.of());
		BulkResult result = this.kv.bulkPut(writes(12_000));
		assertThat(result).isEqualTo(new BulkResult(12_000, List.of()));
		assertThat(this.api.requests()).extracting((line) -> line.substring(line.indexOf('(')))
			.containsExactly("(10000 keys)", "(10000 keys)", "(10000 keys)", "(2000 keys)");
		assertThat(this.statistics.retries()).isEqualTo(2);
	}

	@Test
	void aRequestThatFailsForGoodIsReportedWhileTheOthersLand() {
		start(fast().withMaxAttempts(3));
		this.api.fail(3, (line) -> line.contains("/bulk"), 502, Map.of());
		List<BulkWrite> writes = writes(12_000);
		assertThatExceptionOfType(CloudflareBulkException.class).isThrownBy(() -> this.kv.bulkPut(writes))
			.satisfies((ex) -> {
				assertThat(ex.failures()).singleElement().isInstanceOf(CloudflareRetryExhaustedException.class);
				assertThat(ex.result().successfulKeyCount()).isEqualTo(2_000);
				assertThat(ex.result().unsuccessfulKeys()).hasSize(10_000).startsWith("key-00000");
				assertThat(ex.getMessage()).contains("1 of 2 requests failed and 10000 keys are unconfirmed");
			});
		assertThat(this.api.size()).isEqualTo(2_000);
	}

	@Test
	void keysStillUnsuccessfulAfterTheLastRoundAreReportedInTheResult() {
		start(RetryOptions.disabled());
		this.api.unsuccessfulOnce(Set.of("key-00001"));
		BulkResult result = this.kv.bulkDelete(List.of("key-00000", "key-00001"));
		assertThat(result).isEqualTo(new BulkResult(1, List.of("key-00001")));
		assertThat(this.api.requests()).hasSize(1);
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

}
