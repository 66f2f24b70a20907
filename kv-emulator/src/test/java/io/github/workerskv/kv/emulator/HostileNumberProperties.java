package io.github.workerskv.kv.emulator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile numbers over HTTP, wherever the emulator reads a number ({@code expiration_ttl},
 * {@code expiration}, {@code limit}, {@code per_page}, a bulk item's fields as JSON numbers and as
 * strings): every answer is the one the reference reading predicts, a refusal is 400 with the right
 * code in a v4 envelope, nothing refused is stored, and nothing answers 5xx. The number of inputs and
 * the slowest answer are printed at the end (for the record; speed is not asserted here).
 */
class HostileNumberProperties {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final long MAX_INT32 = Integer.MAX_VALUE;

	private static final Pattern JSON_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

	private static final Pattern JSON_WHITESPACE = Pattern.compile("^[ \\t\\n\\r]+|[ \\t\\n\\r]+$");

	private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

	private static final AtomicInteger inputs = new AtomicInteger();

	private static final AtomicLong slowestNanos = new AtomicLong();

	private static KVEmulator kv;

	private static Api api;

	private static String ns;

	@BeforeContainer
	static void start() {
		kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t").withClock(KVEmulatorClock.at(NOW)));
		api = new Api(kv.baseUrl(), "t", "acct");
		ns = api.createNamespace("hostile-numbers");
	}

	@AfterContainer
	static void stop() {
		kv.close();
		System.out.printf("HostileNumberProperties: %d hostile inputs over HTTP, slowest answer %.1f ms%n", inputs.get(),
				slowestNanos.get() / 1e6);
	}

	@AfterTry
	void forgetTheKey() {
		kv.store().namespace(ns).delete("k");
	}

	@Property(tries = 300)
	void expirationTtlInTheQuery(@ForAll("hostile") String text) {
		HttpResponse<byte[]> response = timed(() -> api.put(values() + "k?expiration_ttl=" + encode(text), "v"));

		assertAnswer(response, text.isEmpty() || within(HostileNumbers.expected(text), 60, MAX_INT32),
				ErrorCodes.INVALID_EXPIRATION);
	}

	@Property(tries = 300)
	void expirationInTheQuery(@ForAll("hostile") String text) {
		HttpResponse<byte[]> response = timed(() -> api.put(values() + "k?expiration=" + encode(text), "v"));

		assertAnswer(response, text.isEmpty() || within(HostileNumbers.expected(text), NOW.getEpochSecond() + 60, MAX_INT32),
				ErrorCodes.INVALID_EXPIRATION);
	}

	@Property(tries = 200)
	void listLimit(@ForAll("hostile") String text) {
		HttpResponse<byte[]> response = timed(() -> api.get(api.namespace(ns) + "/keys?limit=" + encode(text)));

		assertAnswerOfARead(response, text.isEmpty() || within(HostileNumbers.expected(text), 10, 1000),
				Set.of(ErrorCodes.INVALID_LIST_OPTIONS));
	}

	@Property(tries = 200)
	void namespacePageSize(@ForAll("hostile") String text) {
		HttpResponse<byte[]> response = timed(() -> api.get(api.namespaces() + "?per_page=" + encode(text)));

		assertAnswerOfARead(response, text.isEmpty() || within(HostileNumbers.expected(text), 1, 1000),
				Set.of(ErrorCodes.BAD_REQUEST));
	}

	@Property(tries = 300)
	void bulkTtlAsAJsonString(@ForAll("hostileInBodies") String text) {
		HttpResponse<byte[]> response = timed(() -> api.putJson(api.namespace(ns) + "/bulk",
				"[{\"key\":\"k\",\"value\":\"v\",\"expiration_ttl\":" + Api.JSON.writeValueAsString(text) + "}]"));

		assertAnswer(response, text.isEmpty() || within(HostileNumbers.expected(text), 60, MAX_INT32),
				ErrorCodes.INVALID_EXPIRATION);
	}

	@Property(tries = 300)
	void bulkTtlAsARawJsonToken(@ForAll("hostileInBodies") String token) {
		HttpResponse<byte[]> response = timed(() -> api.putJson(api.namespace(ns) + "/bulk",
				"[{\"key\":\"k\",\"value\":\"v\",\"expiration_ttl\":" + token + "}]"));

		String bare = JSON_WHITESPACE.matcher(token).replaceAll("");
		boolean jsonInteger = JSON_INTEGER.matcher(bare).matches() && bare.length() <= 1000;
		boolean accepted = jsonInteger && within(HostileNumbers.expected(bare.length() <= 32 ? bare : "x"), 60, MAX_INT32);
		if (JSON_NUMBER.matcher(bare).matches() && bare.length() <= 1000) {
			assertAnswer(response, accepted, ErrorCodes.INVALID_EXPIRATION);
		}
		else {
			// Not a JSON number at all: malformed JSON (10001), or a JSON value that is no number (10033).
			assertAnswerOfARead(response, false, Set.of(ErrorCodes.BAD_REQUEST, ErrorCodes.INVALID_EXPIRATION));
			assertThat(kv.store().namespace(ns).get("k")).isNull();
		}
	}

	@Provide
	Arbitrary<String> hostile() {
		return HostileNumbers.texts(2000);
	}

	@Provide
	Arbitrary<String> hostileInBodies() {
		return HostileNumbers.texts(200_000);
	}

	private static void assertAnswer(HttpResponse<byte[]> response, boolean accepted, int code) {
		assertAnswerOfARead(response, accepted, Set.of(code));
		if (accepted) {
			assertThat(kv.store().namespace(ns).get("k")).isEqualTo("v");
		}
		else {
			assertThat(kv.store().namespace(ns).get("k")).isNull();
		}
	}

	private static void assertAnswerOfARead(HttpResponse<byte[]> response, boolean accepted, Set<Integer> codes) {
		if (accepted) {
			assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(200);
			return;
		}
		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.json(response).get("success").asBoolean()).isFalse();
		assertThat(Api.errorCode(response)).as(Api.text(response)).isIn(codes);
		assertThat(Api.errorMessage(response).length()).as("a message that does not grow with the input").isLessThan(300);
	}

	private static boolean within(DecimalInteger number, long min, long max) {
		return number.isInteger() && number.value() >= min && number.value() <= max;
	}

	private static String values() {
		return api.namespace(ns) + "/values/";
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static HttpResponse<byte[]> timed(Supplier<HttpResponse<byte[]>> request) {
		long started = System.nanoTime();
		HttpResponse<byte[]> response = request.get();
		slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
		inputs.incrementAndGet();
		return response;
	}

}
