package io.github.workerskv.kv.emulator;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbers that once took the emulator down (issue 14: {@code 1e999999999} answered 500,
 * {@code 1e100000000} held a core and never answered) and their relatives are refused with 400, code
 * 10033 and Cloudflare's message, and nothing is stored. {@link HostileNumberProperties} draws many more.
 */
class HostileNumberTest {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private KVEmulator kv;

	private Api api;

	private String ns;

	@BeforeEach
	void start() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t").withClock(KVEmulatorClock.at(NOW)));
		this.api = new Api(this.kv.baseUrl(), "t", "acct");
		this.ns = this.api.createNamespace("numbers");
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	@ParameterizedTest(name = "expiration_ttl={0}")
	@ValueSource(strings = { "1e999999999", "1e-999999999", "1e10000000", "1e100000000", "1E+2147483647", "9e9999",
			"120.0", "90.7", "1e2", " 120", "120 ", "0x78", "\u0661\u0662\u0660", "\uff11\uff12\uff10", "Infinity", "NaN" })
	void refusesATtlThatIsNotAWholeNumber(String ttl) {
		HttpResponse<byte[]> response = put("expiration_ttl", ttl);

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_EXPIRATION);
		assertThat(Api.errorMessage(response)).isEqualTo("Invalid expiration_ttl of " + ttl
				+ ". Please specify integer greater than 0.");
		assertThat(this.kv.store().namespace(this.ns).get("k")).isNull();
	}

	@ParameterizedTest(name = "expiration={0}")
	@ValueSource(strings = { "1e2147483647", "1e999999999", "1e-999999999", "1900000000.5", "1.9e9" })
	void refusesAnExpirationThatIsNotAWholeNumber(String expiration) {
		HttpResponse<byte[]> response = put("expiration", expiration);

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_EXPIRATION);
		assertThat(Api.errorMessage(response)).isEqualTo("Invalid expiration of " + expiration
				+ ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
	}

	@Test
	void refusesIntegersBeyondKvsRangeNamingTheLimit() {
		HttpResponse<byte[]> ttl = put("expiration_ttl", "99999999999999999999999");
		HttpResponse<byte[]> expiration = put("expiration", "18446744073709551616");
		HttpResponse<byte[]> longDigits = put("expiration_ttl", "9".repeat(4000));

		assertThat(Api.errorMessage(ttl)).isEqualTo(
				"Invalid expiration_ttl of 99999999999999999999999. Expiration TTL must be at most 2147483647 seconds.");
		assertThat(Api.errorMessage(expiration)).isEqualTo("Invalid expiration of 18446744073709551616. Expiration must be"
				+ " at most 2147483647 seconds since the UNIX epoch; was it given in milliseconds?");
		assertThat(longDigits.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(longDigits)).isEqualTo("Invalid expiration_ttl of " + "9".repeat(32)
				+ "\u2026 (4000 characters). Please specify integer greater than 0, in at most 32 characters.");
	}

	@Test
	void stillAcceptsWholeNumbersWithSignsAndLeadingZeros() {
		assertThat(put("expiration_ttl", "+120").statusCode()).isEqualTo(200);
		assertThat(put("expiration_ttl", "000120").statusCode()).isEqualTo(200);
		assertThat(this.kv.store().namespace(this.ns).getWithMetadata("k").expiration())
			.isEqualTo(NOW.getEpochSecond() + 120);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "1e999999999", "\"1e999999999\"", "1e-999999999", "1.5e2", "120.0", "\"90.7\"",
			"99999999999999999999999", "true", "[120]", "{\"s\":120}" })
	void refusesABulkItemWhoseTtlIsNotAWholeNumber(String ttl) {
		HttpResponse<byte[]> response = this.api.putJson(this.api.namespace(this.ns) + "/bulk",
				"[{\"key\":\"fine\",\"value\":\"v\"},{\"key\":\"k\",\"value\":\"v\",\"expiration_ttl\":" + ttl + "}]");

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_EXPIRATION);
		assertThat(Api.errorMessage(response)).startsWith("Invalid expiration_ttl of ").endsWith("(item 1)");
		assertThat(this.kv.store().namespace(this.ns).get("fine")).isNull();
	}

	@ParameterizedTest(name = "limit={0}")
	@ValueSource(strings = { "1e3", "100.0", "1e999999999", "\u0661\u0660\u0660", " 100", "99999999999999999999" })
	void refusesAListLimitThatIsNotAWholeNumber(String limit) {
		HttpResponse<byte[]> response = this.api.get(this.api.namespace(this.ns) + "/keys?limit="
				+ URLEncoder.encode(limit, StandardCharsets.UTF_8));

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_LIST_OPTIONS);
	}

	@ParameterizedTest(name = "per_page={0}")
	@ValueSource(strings = { "1e3", "20.0", "\u0662\u0660", "99999999999999999999" })
	void refusesANamespacePageSizeThatIsNotAWholeNumber(String perPage) {
		HttpResponse<byte[]> response = this.api.get(this.api.namespaces() + "?per_page="
				+ URLEncoder.encode(perPage, StandardCharsets.UTF_8));

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.BAD_REQUEST);
	}

	private HttpResponse<byte[]> put(String parameter, String value) {
		return this.api.put(this.api.namespace(this.ns) + "/values/k?" + parameter + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8), "v");
	}

}
