package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow or stuck uploads cannot starve other clients (issue 14: 64 connections sending a 1 MB body at
 * one byte per second made everyone else time out). More slow uploads than the server has threads
 * run next to a normal client whose requests keep succeeding; slow bodies are refused with 408 once
 * they fall below the minimum data rate or stall past the idle timeout; past the limit of concurrent
 * requests the answer is 503 with {@code Retry-After}, never silence. All on 127.0.0.1, bounded in
 * connections and time.
 */
class SlowClientTest {

	/** More than the emulator's 64 threads. */
	private static final int SLOW_CLIENTS = 100;

	private static final Duration NORMAL_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private KVEmulator kv;

	private String values;

	private void start(KVEmulatorOptions options) {
		this.kv = KVEmulator.start(options.withToken("t"));
		Api api = new Api(this.kv.baseUrl(), "t", "acct");
		this.values = api.namespace(api.createNamespace("slow")) + "/values/";
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	@Test
	void servesANormalClientWhileMoreSlowUploadsThanThreadsAreInProgress() throws Exception {
		start(KVEmulatorOptions.defaults()
			.withServerLimits(ServerLimits.defaults().withMinRequestDataRate(0)));

		try (SlowClients slow = SlowClients.open(this.kv.port(), SLOW_CLIENTS, slowPut("slow", 1_000_000))) {
			slow.trickle(Duration.ofMillis(100), Duration.ofSeconds(30));
			awaitBytes(slow, 2 * SLOW_CLIENTS);

			for (int i = 0; i < 10; i++) {
				assertThat(put("normal-" + i, "value " + i)).isEqualTo(200);
				assertThat(get("normal-" + i).body()).isEqualTo("value " + i);
			}
			int sentDuringNormalRequests = slow.bytesSent();
			awaitBytes(slow, sentDuringNormalRequests + SLOW_CLIENTS);
		}
		assertThat(this.kv.store().namespace(namespaceOf(this.values)).get("slow")).isNull();
	}

	@Test
	void refusesUploadsBelowTheMinimumDataRateWith408WhileOthersAreServed() throws Exception {
		start(KVEmulatorOptions.defaults());

		List<RawHttp.Answer> answers;
		try (SlowClients slow = SlowClients.open(this.kv.port(), SLOW_CLIENTS, slowPut("slow", 1_000_000))) {
			slow.trickle(Duration.ofMillis(100), Duration.ofSeconds(20));
			for (int i = 0; i < 10; i++) {
				assertThat(put("normal-" + i, "value " + i)).isEqualTo(200);
			}
			answers = slow.answers();
		}

		assertThat(answers).hasSize(SLOW_CLIENTS).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
			assertThat(answer.errorCode()).isEqualTo(ErrorCodes.REQUEST_TIMEOUT);
			assertThat(answer.errorMessage()).contains("below the emulator's minimum of 1024 bytes per second")
				.contains("ServerLimits.withMinRequestDataRate");
			assertThat(answer.header("Connection")).isEqualTo("close");
		});
		assertThat(put("after", "v")).isEqualTo(200);
	}

	@Test
	void refusesABodyThatStallsPastTheIdleTimeoutWith408() {
		start(KVEmulatorOptions.defaults().withServerLimits(ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(500))));

		List<RawHttp.Answer> answers;
		try (SlowClients silent = SlowClients.open(this.kv.port(), 3, slowPut("silent", 10))) {
			answers = silent.answers();
		}

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
			assertThat(answer.errorCode()).isEqualTo(ErrorCodes.REQUEST_TIMEOUT);
			assertThat(answer.errorMessage()).contains("idle timeout of 500 ms").contains("ServerLimits.withIdleTimeout");
		});
	}

	@Test
	void answers503WithRetryAfterWhenEveryRequestSlotIsTaken() throws Exception {
		start(KVEmulatorOptions.defaults()
			.withServerLimits(ServerLimits.defaults().withMaxConcurrentRequests(4).withMinRequestDataRate(0)));

		try (SlowClients slow = SlowClients.open(this.kv.port(), 4, slowPut("slow", 1_000_000))) {
			slow.trickle(Duration.ofMillis(100), Duration.ofSeconds(30));
			awaitBytes(slow, 8);

			HttpResponse<String> refused = getOnceAllSlotsTaken("anything");

			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/json"));
			assertThat(Api.JSON.readTree(refused.body()).at("/errors/0/code").asInt()).isEqualTo(ErrorCodes.OVERLOADED);
			assertThat(Api.JSON.readTree(refused.body()).at("/errors/0/message").asString())
				.contains("4 requests at once").contains("ServerLimits.withMaxConcurrentRequests");
		}
		assertThat(putOnceFree("after", "v")).isEqualTo(200);
	}

	private String slowPut(String key, int length) {
		return "PUT " + this.kv.baseUrl().getRawPath() + this.values + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Authorization: Bearer t\r\nContent-Length: " + length + "\r\n\r\n";
	}

	private int put(String key, String value) throws IOException, InterruptedException {
		return this.http.send(request(key).PUT(BodyPublishers.ofString(value)).build(), BodyHandlers.discarding())
			.statusCode();
	}

	private HttpResponse<String> get(String key) throws IOException, InterruptedException {
		return this.http.send(request(key).GET().build(), BodyHandlers.ofString());
	}

	/**
	 * Probes with a GET of an absent key for at most 10 s until it is not answered 404: the slow clients' bytes
	 * may have left this side before the server has given each of them its slot.
	 */
	private HttpResponse<String> getOnceAllSlotsTaken(String absentKey) throws IOException, InterruptedException {
		HttpResponse<String> response = get(absentKey);
		for (int attempt = 0; response.statusCode() == 404 && attempt < 100; attempt++) {
			Thread.sleep(100);
			response = get(absentKey);
		}
		return response;
	}

	/** Retries a put for at most 5 s while the slots of closed slow clients are being freed. */
	private int putOnceFree(String key, String value) throws IOException, InterruptedException {
		int status = put(key, value);
		for (int attempt = 0; status == 503 && attempt < 50; attempt++) {
			Thread.sleep(100);
			status = put(key, value);
		}
		return status;
	}

	private HttpRequest.Builder request(String key) {
		return HttpRequest.newBuilder(URI.create(this.kv.baseUrl() + this.values + key))
			.timeout(NORMAL_TIMEOUT)
			.header("Authorization", "Bearer t");
	}

	/** Waits at most 10 s until the slow clients have sent this many body bytes in all. */
	private static void awaitBytes(SlowClients slow, int bytes) throws InterruptedException {
		for (int i = 0; i < 100 && slow.bytesSent() < bytes; i++) {
			Thread.sleep(100);
		}
		assertThat(slow.bytesSent()).as("body bytes sent by the slow clients").isGreaterThanOrEqualTo(bytes);
	}

	private static String namespaceOf(String values) {
		String withoutValues = values.substring(0, values.length() - "/values/".length());
		return withoutValues.substring(withoutValues.lastIndexOf('/') + 1);
	}

}
