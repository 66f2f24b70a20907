package io.github.workerskv.kv.emulator;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Jetty refuses before any handler runs (broken framing, foreign protocols, oversized
 * headers, unknown versions) and the emulator's own refusals of broken multipart bodies are answered
 * with a v4 envelope whose code and message name the actual problem, over raw sockets because no
 * HTTP client sends such requests.
 */
class ProtocolRefusalTest {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("t"));

	private static String values;

	@BeforeAll
	static void namespace() {
		Api api = new Api(kv.baseUrl(), "t", "acct");
		values = kv.baseUrl().getRawPath() + api.namespace(api.createNamespace("refusals")) + "/values/";
	}

	static Stream<Arguments> refusals() {
		return Stream.of(
				Arguments.of("a negative Content-Length", put("Content-Length: -1\r\n", ""), 400, "Content-Length"),
				Arguments.of("a Content-Length that is not a number", put("Content-Length: abc\r\n", ""), 400,
						"Content-Length"),
				Arguments.of("a Content-Length of 2^64", put("Content-Length: 18446744073709551616\r\n", ""), 400,
						"Content-Length"),
				Arguments.of("two different Content-Lengths", put("Content-Length: 1\r\nContent-Length: 2\r\n", "ab"),
						400, "Content-Length"),
				Arguments.of("Content-Length with chunked",
						put("Content-Length: 1\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), 400, "Transfer-Encoding"),
				Arguments.of("an unknown Transfer-Encoding", put("Transfer-Encoding: gzip\r\n", ""), 400,
						"Transfer-Encoding"),
				Arguments.of("an HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 426, "HTTP/2"),
				Arguments.of("a 10 KiB header", put("Content-Type: " + "a".repeat(10 * 1024) + "\r\nContent-Length: 1\r\n",
						"x"), 431, "8192 bytes"),
				Arguments.of("HTTP/9.9", "GET " + values + "k HTTP/9.9\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\n\r\n",
						505, "HTTP/1.1"),
				Arguments.of("a request line over the limit", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
						414, "8192 bytes"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void answersWithAnEnvelopeThatNamesTheProblem(String what, String request, int status, String named) {
		RawHttp.Answer answer = RawHttp.send(kv.emulator().port(), request);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
		assertThat(answer.envelope().get("success").asBoolean()).isFalse();
		assertThat(answer.envelope().get("messages").isArray()).isTrue();
		assertThat(answer.envelope().get("result").isNull()).isTrue();
		assertThat(answer.errorCode()).as(answer.toString()).isEqualTo(ErrorCodes.BAD_REQUEST);
		assertThat(answer.errorMessage()).as(answer.toString()).contains(named).doesNotContainIgnoringCase("emulator failed");
	}

	@Test
	void answersAMultipartPartWithAHugeHeaderAsAMalformedBodyNotAsATooLargeValue() {
		String boundary = "----formdata-undici-000000000001";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"value\"\r\nX-Padding: "
				+ "p".repeat(100 * 1024) + "\r\n\r\nv\r\n--" + boundary + "--\r\n";

		RawHttp.Answer answer = RawHttp.send(kv.emulator().port(),
				put("Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
						+ body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n", body));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
		assertThat(answer.errorMessage()).contains("headers").contains("8192 bytes").doesNotContain("26214400");
	}

	@Test
	void answersAMultipartBodyWithTooManyPartsAsMalformed() {
		String boundary = "----formdata-undici-000000000002";
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 101; i++) {
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"f").append(i)
				.append("\"\r\n\r\nx\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");

		RawHttp.Answer answer = RawHttp.send(kv.emulator().port(),
				put("Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + body.length()
						+ "\r\n", body.toString()));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.errorMessage()).contains("100 parts").doesNotContain("26214400");
	}

	private static String put(String headers, String body) {
		return "PUT " + values + "k HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\nConnection: close\r\n"
				+ headers + "\r\n" + body;
	}

}
