package io.github.workerskv.kv.emulator;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of injected fault, switched on and off while the emulator runs. */
class FaultsTest {

	private KVEmulator kv;

	private Api api;

	private String ns;

	@BeforeEach
	void start() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t"));
		this.api = new Api(this.kv.baseUrl(), "t", "acct");
		this.ns = this.api.createNamespace("faults");
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	private String value(String key) {
		return this.api.namespace(this.ns) + "/values/" + key;
	}

	@Test
	void delaysEveryRequestByTheConfiguredLatency() {
		this.kv.faults().latency(Duration.ofMillis(300));
		long started = System.nanoTime();
		this.api.get(this.api.namespace(this.ns));
		long fixedMillis = (System.nanoTime() - started) / 1_000_000;

		this.kv.faults().latency(Duration.ofMillis(50), Duration.ofMillis(100));
		started = System.nanoTime();
		this.api.get(this.api.namespace(this.ns));
		long rangedMillis = (System.nanoTime() - started) / 1_000_000;

		this.kv.faults().reset();
		assertThat(fixedMillis).isBetween(300L, 5_000L);
		assertThat(rangedMillis).isBetween(50L, 5_000L);
	}

	@Test
	void answersInjectedRateLimitsWith429RetryAfterAnd971() {
		this.kv.faults().retryAfter(Duration.ofMillis(2_500)).rateLimitRate(1);

		HttpResponse<byte[]> response = this.api.get(value("k"));

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
		assertThat(Api.errorCode(response)).isEqualTo(971);
		this.kv.faults().rateLimitRate(0);
		assertThat(this.api.get(value("k")).statusCode()).isEqualTo(404);
	}

	@Test
	void injectsServerErrorsReproduciblyForASeed() {
		this.kv.faults().seed(42).serverErrorRate(0.5);
		List<Integer> first = statuses(30);
		this.kv.faults().seed(42);
		List<Integer> second = statuses(30);

		assertThat(first).isEqualTo(second);
		assertThat(first).contains(404).containsAnyOf(500, 502, 503).allMatch((s) -> List.of(404, 500, 502, 503).contains(s));
	}

	@Test
	void dropsConnectionsWithoutAResponse() {
		this.kv.faults().dropRate(1);

		assertThatThrownBy(() -> this.api.put(value("k"), "v")).isInstanceOf(UncheckedIOException.class);
		assertThatThrownBy(() -> this.api.get(value("k"))).isInstanceOf(UncheckedIOException.class);

		this.kv.faults().dropRate(0);
		assertThat(this.api.put(value("k"), "v").statusCode()).isEqualTo(200);
		assertThat(this.kv.faults().injectedCount()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void scriptsTheNextMatchingRequestsOnly() {
		String bulk = this.api.namespace(this.ns) + "/bulk";
		this.kv.faults().next(2, RequestLine.matching("PUT", "/bulk$"), Fault.serverError(500));

		HttpResponse<byte[]> unrelated = this.api.put(value("k"), "v");
		HttpResponse<byte[]> first = this.api.putJson(bulk, "[{\"key\":\"a\",\"value\":\"1\"}]");
		int remaining = this.kv.faults().scriptedRemaining();
		HttpResponse<byte[]> second = this.api.putJson(bulk, "[{\"key\":\"a\",\"value\":\"1\"}]");
		HttpResponse<byte[]> third = this.api.putJson(bulk, "[{\"key\":\"a\",\"value\":\"1\"}]");

		assertThat(unrelated.statusCode()).isEqualTo(200);
		assertThat(first.statusCode()).isEqualTo(500);
		assertThat(Api.errorCode(first)).isEqualTo(10002);
		assertThat(remaining).isEqualTo(1);
		assertThat(second.statusCode()).isEqualTo(500);
		assertThat(third.statusCode()).isEqualTo(200);
		assertThat(this.kv.faults().scriptedRemaining()).isZero();
	}

	@Test
	void scriptsOutcomesInOrderForAnyRequest() {
		this.kv.faults()
			.next(1, Fault.rateLimited(Duration.ofSeconds(7)))
			.next(1, Fault.serverError(503))
			.next(1, Fault.delay(Duration.ofMillis(200)));

		HttpResponse<byte[]> limited = this.api.get(value("k"));
		HttpResponse<byte[]> unavailable = this.api.get(value("k"));
		long started = System.nanoTime();
		HttpResponse<byte[]> delayed = this.api.get(value("k"));
		long delayedMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(delayed.statusCode()).isEqualTo(404);
		assertThat(delayedMillis).isGreaterThanOrEqualTo(200);
	}

	@Test
	void reportsChosenBulkKeysAsUnsuccessfulWithoutStoringThem() {
		this.kv.faults().failBulkKeys("b", "c");
		String bulk = this.api.namespace(this.ns) + "/bulk";

		HttpResponse<byte[]> written = this.api.putJson(bulk,
				"[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\",\"value\":\"2\"},{\"key\":\"c\",\"value\":\"3\"}]");
		this.kv.store().namespace(this.ns).put("b", "kept");
		HttpResponse<byte[]> deleted = this.api.post(bulk + "/delete", "[\"a\",\"b\"]");

		assertThat(Api.json(written).get("result").toString())
			.isEqualTo("{\"successful_key_count\":1,\"unsuccessful_keys\":[\"b\",\"c\"]}");
		assertThat(Api.json(deleted).get("result").toString())
			.isEqualTo("{\"successful_key_count\":1,\"unsuccessful_keys\":[\"b\"]}");
		assertThat(this.kv.store().namespace(this.ns).get("b")).isEqualTo("kept");
		assertThat(this.kv.store().namespace(this.ns).get("c")).isNull();
		this.kv.faults().reset();
		assertThat(Api.json(this.api.putJson(bulk, "[{\"key\":\"c\",\"value\":\"3\"}]")).at("/result/successful_key_count")
			.asInt()).isEqualTo(1);
	}

	@Test
	void refusesNonsensicalSettings() {
		assertThatThrownBy(() -> this.kv.faults().dropRate(1.5)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.kv.faults().latency(Duration.ofMinutes(6))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Fault.serverError(404)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.kv.faults().next(0, Fault.dropConnection())).isInstanceOf(IllegalArgumentException.class);
	}

	private List<Integer> statuses(int count) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			statuses.add(this.api.get(value("missing")).statusCode());
		}
		return statuses;
	}

}
