package io.github.workerskv.kv.autoconfigure.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.cloudflare.CloudflareServerException;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KVMetricsListener} as every namespace of a store or client reports to it: which timer and counter
 * each call records, on the embedded store and, for Cloudflare's failures, over HTTP to the emulator.
 */
class KVOperationMetricsTests {

	@RegisterExtension
	static final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("metrics-token").withAccountId("acct"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final KVMetricsListener listener = new KVMetricsListener(provider(this.registry));

	private final LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults()
		.withListener(this.listener)
		.withNamespaceNames(Map.of("flags", "FLAGS")));

	private final KVNamespace namespace = this.store.namespace("flags");

	@AfterEach
	void closeStore() {
		this.store.close();
		emulator.emulator().faults().reset();
	}

	@Test
	void singleReadsRecordHitsAndMisses() {
		this.namespace.put("present", "yes");

		assertThat(this.namespace.get("present")).isEqualTo("yes");
		assertThat(this.namespace.get("absent")).isNull();
		assertThat(this.namespace.get("absent")).isNull();

		assertThat(count("get", "hit")).isEqualTo(1);
		assertThat(count("get", "miss")).isEqualTo(2);
	}

	@Test
	void everyFormOfSingleReadIsOneGet() throws IOException {
		this.namespace.put("json", "{\"on\":true}");

		this.namespace.get("json", GetOptions.defaults());
		this.namespace.get("json", ValueType.text());
		this.namespace.getJson("json", Map.class);
		this.namespace.getBytes("json");
		try (InputStream stream = this.namespace.getStream("json")) {
			assertThat(stream).isNotNull();
		}

		assertThat(count("get", "hit")).isEqualTo(5);
	}

	@Test
	void bulkReadsSucceedAndCountTheKeysFoundAndMissing() {
		this.namespace.put("a", "1");
		this.namespace.put("b", "2");

		this.namespace.get(List.of("a", "b", "c"));
		this.namespace.getWithMetadata(List.of("a", "z"));

		assertThat(count("get_bulk", "success")).isEqualTo(2);
		assertThat(keys("hit")).isEqualTo(3);
		assertThat(keys("miss")).isEqualTo(2);
	}

	@Test
	void singleReadWithMetadataIsItsOwnOperation() {
		this.namespace.put("a", "1", PutOptions.none().withMetadata(Map.of("v", 1)));

		assertThat(this.namespace.getWithMetadata("a").metadata()).isNotNull();
		assertThat(this.namespace.getWithMetadata("missing")).isNull();

		assertThat(count("get_with_metadata", "hit")).isEqualTo(1);
		assertThat(count("get_with_metadata", "miss")).isEqualTo(1);
	}

	@Test
	void writesDeletesListsAndBulkCallsRecordSuccessOncePerCall() {
		this.namespace.put("a", "text");
		this.namespace.put("b", new byte[] { 1 });
		this.namespace.put("c", "text", PutOptions.none());
		this.namespace.put("d", new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), PutOptions.none());
		this.namespace.delete("a");
		this.namespace.list();
		this.namespace.list(ListOptions.defaults().withPrefix("b"));
		this.namespace.bulkPut(List.of(BulkWrite.of("e", "1"), BulkWrite.of("f", "2")));
		this.namespace.bulkDelete(List.of("e", "f"));

		assertThat(count("put", "success")).isEqualTo(4);
		assertThat(count("delete", "success")).isEqualTo(1);
		assertThat(count("list", "success")).isEqualTo(2);
		assertThat(count("bulk_put", "success")).isEqualTo(1);
		assertThat(count("bulk_delete", "success")).isEqualTo(1);
		assertThat(this.registry.get("kv.operations").timers()).hasSize(5);
	}

	@Test
	void validationFailureIsAnErrorAndIsRethrown() {
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> this.namespace.put("..", "v"));

		assertThat(count("put", "error")).isEqualTo(1);
	}

	@Test
	void asyncTwinsRecordUnderTheSameOperations() {
		this.namespace.putAsync("a", "1", PutOptions.none()).join();
		this.namespace.getAsync("a").join();
		this.namespace.getAsync(List.of("a", "b"), ValueType.text(), GetOptions.defaults()).join();
		this.namespace.getWithMetadataAsync("a", ValueType.text(), GetOptions.defaults()).join();
		this.namespace.listAsync(ListOptions.defaults()).join();
		this.namespace.deleteAsync("a").join();

		assertThat(count("put", "success")).isEqualTo(1);
		assertThat(count("get", "hit")).isEqualTo(1);
		assertThat(count("get_bulk", "success")).isEqualTo(1);
		assertThat(count("get_with_metadata", "hit")).isEqualTo(1);
		assertThat(count("list", "success")).isEqualTo(1);
		assertThat(count("delete", "success")).isEqualTo(1);
	}

	@Test
	void aRateLimitedCallIsRecordedAsRateLimitedAndAServerFailureAsAnError() {
		try (CloudflareKVClient client = CloudflareKVClient.create(CloudflareKVConfig
			.of("acct", Credentials.apiToken("metrics-token"))
			.withBaseUrl(emulator.baseUrl())
			.withRetry(RetryOptions.disabled())
			.withListener(this.listener))) {
			String id = client.createNamespace("metrics").id();
			KVNamespace remote = client.namespace(id);
			emulator.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(1)));
			assertThatExceptionOfType(CloudflareRateLimitException.class).isThrownBy(() -> remote.get("hot"));
			emulator.emulator().faults().next(1, Fault.serverError(503));
			assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> remote.get("down"));
			emulator.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(1)));
			assertThat(remote.deleteAsync("k")).failsWithin(Duration.ofSeconds(10));

			assertThat(count(id, "get", "rate_limited")).isEqualTo(1);
			assertThat(count(id, "get", "error")).isEqualTo(1);
			assertThat(count(id, "delete", "rate_limited")).isEqualTo(1);
			assertThat(this.registry.get(KVMetricsListener.RATE_LIMITED).tags("binding", id, "operation", "get")
				.counter()
				.count()).isEqualTo(1);
		}
	}

	private long count(String operation, String outcome) {
		return count("FLAGS", operation, outcome);
	}

	private long count(String binding, String operation, String outcome) {
		Timer timer = this.registry.find(KVMetricsListener.OPERATIONS)
			.tags("binding", binding, "operation", operation, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double keys(String outcome) {
		Counter counter = this.registry.find(KVMetricsListener.BULK_KEYS)
			.tags("binding", "FLAGS", "operation", "get_bulk", "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static ObjectProvider<MeterRegistry> provider(SimpleMeterRegistry registry) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("meterRegistry", registry);
		return beans.getBeanProvider(MeterRegistry.class);
	}

}
