package io.github.workerskv.kv.autoconfigure.metrics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.cloudflare.BulkResult;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.cloudflare.CloudflareServerException;
import io.github.workerskv.kv.local.LocalKVStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/** {@link MeteredKVNamespace}: which timer and counter each call records. */
class MeteredKVNamespaceTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LocalKVStore store = LocalKVStore.inMemory();

	private final KVNamespace namespace = MeteredKVNamespace.of(this.store.namespace("flags"),
			new KVOperationRecorder(this.registry, "FLAGS"));

	@AfterEach
	void closeStore() {
		this.store.close();
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
	void writesDeletesAndListsRecordSuccessOncePerCall() {
		this.namespace.put("a", "text");
		this.namespace.put("b", new byte[] { 1 });
		this.namespace.put("c", "text", PutOptions.none());
		this.namespace.put("d", new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), PutOptions.none());
		this.namespace.delete("a");
		this.namespace.list();
		this.namespace.list(ListOptions.defaults().withPrefix("b"));

		assertThat(count("put", "success")).isEqualTo(4);
		assertThat(count("delete", "success")).isEqualTo(1);
		assertThat(count("list", "success")).isEqualTo(2);
		assertThat(this.registry.get("kv.operations").timers()).hasSize(3);
	}

	@Test
	void validationFailureIsAnErrorAndIsRethrown() {
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> this.namespace.put("..", "v"));

		assertThat(count("put", "error")).isEqualTo(1);
	}

	@Test
	void rateLimitedCallIsRecordedAsRateLimitedAndOtherCloudflareFailuresAsErrors() {
		KVNamespace failing = mock(KVNamespace.class);
		given(failing.get("hot")).willThrow(mock(CloudflareRateLimitException.class));
		given(failing.get("down")).willThrow(mock(CloudflareServerException.class));
		KVNamespace metered = MeteredKVNamespace.of(failing, new KVOperationRecorder(this.registry, "FLAGS"));

		assertThatExceptionOfType(CloudflareRateLimitException.class).isThrownBy(() -> metered.get("hot"));
		assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> metered.get("down"));

		assertThat(count("get", "rate_limited")).isEqualTo(1);
		assertThat(count("get", "error")).isEqualTo(1);
	}

	@Test
	void asyncCallIsTimedUntilItsFutureCompletesAndReturnsThatSameFuture() {
		KVNamespace delegate = mock(KVNamespace.class);
		CompletableFuture<String> pending = new CompletableFuture<>();
		given(delegate.getAsync("k")).willReturn(pending);
		KVNamespace metered = MeteredKVNamespace.of(delegate, new KVOperationRecorder(this.registry, "FLAGS"));

		CompletableFuture<String> future = metered.getAsync("k");
		assertThat(future).isSameAs(pending);
		assertThat(this.registry.find("kv.operations").timer()).isNull();

		pending.complete("v");
		assertThat(count("get", "hit")).isEqualTo(1);
	}

	@Test
	void asyncRateLimitIsRecognisedThroughACompletionException() {
		KVNamespace delegate = mock(KVNamespace.class);
		CompletableFuture<Void> rateLimited = CompletableFuture
			.failedFuture(new CompletionException(mock(CloudflareRateLimitException.class)));
		given(delegate.deleteAsync("k")).willReturn(rateLimited);
		KVNamespace metered = MeteredKVNamespace.of(delegate, new KVOperationRecorder(this.registry, "FLAGS"));

		assertThat(metered.deleteAsync("k")).isCompletedExceptionally();

		assertThat(count("delete", "rate_limited")).isEqualTo(1);
	}

	@Test
	void asyncTwinsOfTheLocalStoreRecordUnderTheSameOperations() {
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
	void defaultMethodsCallTheDelegatesOwnMethod() {
		KVNamespace delegate = mock(KVNamespace.class);
		KVNamespace metered = MeteredKVNamespace.of(delegate, new KVOperationRecorder(this.registry, "FLAGS"));

		metered.put("k", "v");

		verify(delegate).put("k", "v");
		assertThat(count("put", "success")).isEqualTo(1);
	}

	@Test
	void cloudflareNamespaceStaysOneAndItsBulkCallsAreTimed() {
		CloudflareKVNamespace delegate = mock(CloudflareKVNamespace.class);
		given(delegate.id()).willReturn("0f2ac74b498b48028cb68387c421e279");
		given(delegate.bulkPut(anyList())).willReturn(new BulkResult(2, List.of()));
		given(delegate.bulkDelete(anyList())).willThrow(mock(CloudflareRateLimitException.class));

		KVNamespace metered = MeteredKVNamespace.of(delegate, new KVOperationRecorder(this.registry, "FLAGS"));

		assertThat(metered).isInstanceOf(CloudflareKVNamespace.class);
		CloudflareKVNamespace cloudflare = (CloudflareKVNamespace) metered;
		assertThat(cloudflare.id()).isEqualTo("0f2ac74b498b48028cb68387c421e279");
		cloudflare.bulkPut(List.of());
		assertThatExceptionOfType(CloudflareRateLimitException.class).isThrownBy(() -> cloudflare.bulkDelete(List.of("k")));
		assertThat(count("bulk_put", "success")).isEqualTo(1);
		assertThat(count("bulk_delete", "rate_limited")).isEqualTo(1);
		verify(delegate).bulkPut(any());
	}

	private long count(String operation, String outcome) {
		Timer timer = this.registry.find("kv.operations")
			.tags("binding", "FLAGS", "operation", operation, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double keys(String outcome) {
		Counter counter = this.registry.find("kv.bulk.keys")
			.tags("binding", "FLAGS", "operation", "get_bulk", "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
