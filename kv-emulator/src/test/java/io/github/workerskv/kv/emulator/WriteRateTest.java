package io.github.workerskv.kv.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With enforceWriteRate, a key takes one write per second by the emulator's clock. */
class WriteRateTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private KVEmulator kv;

	private Api api;

	private String ns;

	private String values;

	@BeforeEach
	void start() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t").withEnforceWriteRate(true)
			.withClock(this.clock));
		this.api = new Api(this.kv.baseUrl(), "t", "acct");
		this.ns = this.api.createNamespace("rate");
		this.values = this.api.namespace(this.ns) + "/values/";
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	@Test
	void refusesASecondWriteWithinTheSecondWith429AndRetryAfter() {
		HttpResponse<byte[]> first = this.api.put(this.values + "hot", "1");
		this.clock.advance(Duration.ofMillis(400));
		HttpResponse<byte[]> second = this.api.put(this.values + "hot", "2");
		HttpResponse<byte[]> otherKey = this.api.put(this.values + "cold", "3");
		this.clock.advance(Duration.ofMillis(600));
		HttpResponse<byte[]> third = this.api.put(this.values + "hot", "4");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(second.statusCode()).isEqualTo(429);
		assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(Api.json(second).toString()).isEqualTo("{\"success\":false,\"errors\":[{\"code\":971,"
				+ "\"message\":\"Please wait and consider throttling your request speed\"}],\"messages\":[],\"result\":null}");
		assertThat(otherKey.statusCode()).isEqualTo(200);
		assertThat(third.statusCode()).isEqualTo(200);
		assertThat(this.kv.store().namespace(this.ns).get("hot")).isEqualTo("4");
	}

	@Test
	void countsDeletesAsWritesButNotRejectedWrites() {
		HttpResponse<byte[]> invalid = this.api.put(this.values + "k?expiration_ttl=5", "v");
		HttpResponse<byte[]> valid = this.api.put(this.values + "k", "v");
		HttpResponse<byte[]> delete = this.api.delete(this.values + "k");

		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(delete.statusCode()).isEqualTo(429);
	}

	@Test
	void reportsThrottledBulkKeysAsUnsuccessful() {
		String bulk = this.api.namespace(this.ns) + "/bulk";
		this.api.put(this.values + "a", "1");

		HttpResponse<byte[]> response = this.api.putJson(bulk, "[{\"key\":\"a\",\"value\":\"2\"},{\"key\":\"b\",\"value\":\"2\"}]");

		assertThat(Api.json(response).get("result").toString())
			.isEqualTo("{\"successful_key_count\":1,\"unsuccessful_keys\":[\"a\"]}");
	}

}
