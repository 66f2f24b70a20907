package io.github.workerskv.kv.cloudflare;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each failed answer becomes its typed exception, and which of those the retry layer may send again;
 * the answers the emulator cannot be made to give a client (401 needs a request without credentials, and
 * the emulator has no 418 or 302) are covered here, the others over HTTP in {@link RetryingClientTest}.
 */
class FailuresTest {

	private static final String TOKEN = "failures-s3cr3t-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CloudflareKVConfig config = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));

	private final Failures failures = new Failures(this.config, (HeaderAuthentication) this.config.credentials());

	@ParameterizedTest(name = "HTTP {0} code {1} is {2}, retried: {3}")
	@CsvSource(textBlock = """
			400, 10001, CloudflareBadRequestException,        false
			401, 10000, CloudflareAuthenticationException,    false
			403, 10000, CloudflareAuthenticationException,    false
			403, 9109,  CloudflareAuthenticationException,    false
			404, 10013, CloudflareNamespaceNotFoundException, false
			404, 7003,  CloudflareNamespaceNotFoundException, false
			413, 10011, CloudflareBadRequestException,        false
			418, 1,     CloudflareBadRequestException,        false
			429, 971,   CloudflareRateLimitException,         true
			500, 10002, CloudflareServerException,            true
			501, 10002, CloudflareServerException,            false
			502, 10002, CloudflareServerException,            true
			503, 10002, CloudflareServerException,            true
			302, 1,     CloudflareKVException,                false
			""")
	void eachStatusHasItsTypeAndOnlyTransientOnesAreRetried(int status, int code, String type, boolean retried) {
		CloudflareKVException failure = this.failures.failure("GET /accounts/acct/x", status, headers(Map.of()),
				envelope(code, "went wrong"));
		assertThat(failure.getClass().getSimpleName()).isEqualTo(type);
		assertThat(failure.httpStatus()).isEqualTo(status);
		assertThat(failure.hasErrorCode(code)).isTrue();
		assertThat(failure.getMessage()).startsWith("GET /accounts/acct/x failed with HTTP " + status + ": [code " + code
				+ "] went wrong.");
		assertThat(RetryingTransport.retryable(failure)).isEqualTo(retried);
	}

	@Test
	void aRateLimitCarriesTheWaitTheServerAskedFor() {
		CloudflareKVException failure = this.failures.failure("PUT /accounts/acct/x", 429,
				headers(Map.of("Retry-After", "7")), envelope(971, "Please wait"));
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(failure.getMessage()).contains("The server asked to retry after 7000 ms.");
	}

	@Test
	void aServerMessageThatEchoesTheTokenIsRedacted() {
		CloudflareKVException failure = this.failures.failure("GET /accounts/acct/x", 401, headers(Map.of()),
				envelope(10000, "bad token " + TOKEN));
		assertThat(failure.getMessage()).doesNotContain(TOKEN).contains("bad token ****");
		assertThat(failure.errors()).singleElement().satisfies((error) -> assertThat(error.message()).doesNotContain(TOKEN));
	}

	@Test
	void aBodyThatIsNotTheApisIsMalformedAndNotRetried() {
		CloudflareKVException failure = this.failures.notAnEnvelope("GET /accounts/acct/x", 200, "<html>portal</html>");
		assertThat(failure).isInstanceOf(CloudflareMalformedResponseException.class);
		assertThat(failure.getMessage()).contains("<html>portal</html>").contains("base URL");
		assertThat(RetryingTransport.retryable(failure)).isFalse();
	}

	private static ResponseHeaders headers(Map<String, String> headers) {
		Map<String, List<String>> lists = new HashMap<>();
		headers.forEach((name, value) -> lists.put(name, List.of(value)));
		return JdkHttpTransport.headers(HttpHeaders.of(lists, (name, value) -> true));
	}

	private static Envelope envelope(int code, String message) {
		return Envelope.of(JSON.readTree("{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\""
				+ message + "\"}],\"messages\":[],\"result\":null}"));
	}

}
