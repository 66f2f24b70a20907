package io.github.workerskv.kv.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** With enforceWriteRate, a key takes one write per second by the emulator's clock, and stats count the refusals. */
class WriteRateTest {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final KVEmulatorClock clock = KVEmulatorClock.at(START);

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
		assertThat(this.kv.stats().writeRateRejections()).isEqualTo(1);
		assertThat(this.kv.stats().lockOutRejections()).isZero();
	}

	@Test
	void measuresThePacingAndRetryAfterOnTheEmulatorsClockOnly() {
		HttpResponse<byte[]> first = this.api.put(this.values + "hot", "1");
		// An hour back on the emulator's clock: the write of "1" lies an hour and a second ahead.
		this.clock.set(START.minusSeconds(3600));
		HttpResponse<byte[]> early = this.api.put(this.values + "hot", "2");
		this.clock.set(START.plusMillis(999));
		HttpResponse<byte[]> justBefore = this.api.put(this.values + "hot", "3");
		this.clock.set(START.plusSeconds(1));
		HttpResponse<byte[]> onTheSecond = this.api.put(this.values + "hot", "4");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(early.statusCode()).isEqualTo(429);
		assertThat(early.headers().firstValue("Retry-After")).hasValue("3601");
		assertThat(justBefore.statusCode()).isEqualTo(429);
		assertThat(justBefore.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(onTheSecond.statusCode()).isEqualTo(200);
		assertThat(this.kv.stats().writeRateRejections()).isEqualTo(2);
	}

	@Test
	void countsDeletesAsWritesButNotRejectedWrites() {
		HttpResponse<byte[]> invalid = this.api.put(this.values + "k?expiration_ttl=5", "v");
		HttpResponse<byte[]> valid = this.api.put(this.values + "k", "v");
		HttpResponse<byte[]> delete = this.api.delete(this.values + "k");

		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(valid.statusCode()).isEqualTo(200);
		assertThat(delete.statusCode()).isEqualTo(429);
		assertThat(this.kv.stats().writeRateRejections()).isEqualTo(1);
	}

	@Test
	void reportsThrottledBulkKeysAsUnsuccessful() {
		String bulk = this.api.namespace(this.ns) + "/bulk";
		this.api.put(this.values + "a", "1");

		HttpResponse<byte[]> response = this.api.putJson(bulk, "[{\"key\":\"a\",\"value\":\"2\"},{\"key\":\"b\",\"value\":\"2\"}]");

		assertThat(Api.json(response).get("result").toString())
			.isEqualTo("{\"successful_key_count\":1,\"unsuccessful_keys\":[\"a\"]}");
		assertThat(this.kv.stats().writeRateThrottledBulkKeys()).isEqualTo(1);
		assertThat(this.kv.stats().writeRateRejections()).isZero();
	}

	@Test
	void countsWriteRateRefusalsAgainstTheRequestBudgetToo() {
		this.kv.close();
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t").withEnforceWriteRate(true)
			.withRequestBudget(3, Duration.ofSeconds(60)).withClock(this.clock));
		this.api = new Api(this.kv.baseUrl(), "t", "acct");
		String values = this.api.namespace(this.api.createNamespace("rate")) + "/values/";

		HttpResponse<byte[]> first = this.api.put(values + "hot", "1");
		HttpResponse<byte[]> refused = this.api.put(values + "hot", "2");
		this.clock.advance(Duration.ofSeconds(1));
		HttpResponse<byte[]> excess = this.api.put(values + "hot", "3");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Ratelimit")).hasValue("\"default\";r=0;t=60");
		assertThat(excess.statusCode()).isEqualTo(429);
		assertThat(excess.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(this.kv.stats()).isEqualTo(new KVEmulatorStats(Map.of("acct", 4L), 1, 1, 0));
	}

}
