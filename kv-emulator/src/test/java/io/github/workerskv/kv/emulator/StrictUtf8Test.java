package io.github.workerskv.kv.emulator;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paths, query strings and multipart fields are decoded strictly as UTF-8: bytes that are not UTF-8,
 * whether sent raw or percent-encoded (a lone {@code %ff}, an encoded surrogate {@code %ed%a0%80}, an
 * overlong {@code %c0%af}), get 400 with code 10020 and nothing is stored or listed under U+FFFD.
 */
class StrictUtf8Test {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("t"));

	private Api api;

	private String ns;

	@BeforeEach
	void namespace() {
		this.api = new Api(kv.baseUrl(), "t", "acct");
		this.ns = this.api.createNamespace("utf8-" + System.nanoTime());
		kv.emulator().store().namespace(this.ns).put("\uFFFDkey", "replacement character");
	}

	@Test
	void refusesARawByteThatIsNotUtf8InTheKeyPath() {
		RawHttp.Answer answer = RawHttp.send(kv.emulator().port(), "PUT " + kv.baseUrl().getRawPath()
				+ this.api.namespace(this.ns) + "/values/a\u00ffb HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\n"
				+ "Content-Length: 1\r\nConnection: close\r\n\r\nx");

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(ErrorCodes.INVALID_KEY);
		assertThat(answer.errorMessage()).contains("not valid UTF-8");
		assertThat(kv.emulator().store().namespace(this.ns).list().keys()).extracting("name").containsExactly("\uFFFDkey");
	}

	@Test
	void stillAcceptsRawUtf8InTheKeyPath() {
		byte[] request = ("PUT " + kv.baseUrl().getRawPath() + this.api.namespace(this.ns)
				+ "/values/k\u00fc HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\nContent-Length: 1\r\n"
				+ "Connection: close\r\n\r\nx").getBytes(StandardCharsets.UTF_8);

		RawHttp.Answer answer = RawHttp.send(kv.emulator().port(), request);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(kv.emulator().store().namespace(this.ns).get("k\u00fc")).isEqualTo("x");
	}

	@ParameterizedTest(name = "prefix={0}")
	@ValueSource(strings = { "%ff", "%FF", "%ed%a0%80", "%c0%af", "a%e2%82", "%f4%90%80%80" })
	void refusesAPrefixThatIsNotUtf8(String prefix) {
		HttpResponse<byte[]> response = this.api.get(this.api.namespace(this.ns) + "/keys?prefix=" + prefix);

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_KEY);
		assertThat(Api.errorMessage(response)).contains("'prefix'").contains("not valid UTF-8");
	}

	@ParameterizedTest(name = "key={0}")
	@ValueSource(strings = { "%ff", "%ed%a0%80", "%c0%af", "a%e2%82" })
	void refusesAnEncodedKeyThatIsNotUtf8(String key) {
		HttpResponse<byte[]> response = this.api.put(this.api.namespace(this.ns) + "/values/" + key, "v");

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_KEY);
	}

	@Test
	void refusesARawByteThatIsNotUtf8InTheQueryString() {
		RawHttp.Answer answer = RawHttp.send(kv.emulator().port(), "GET " + kv.baseUrl().getRawPath()
				+ this.api.namespace(this.ns) + "/keys?prefix=\u00ff HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Authorization: Bearer t\r\nConnection: close\r\n\r\n");

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo(ErrorCodes.INVALID_KEY);
	}

	@Test
	void stillListsAnEncodedReplacementCharacterPrefix() {
		HttpResponse<byte[]> response = this.api.get(this.api.namespace(this.ns) + "/keys?prefix=%EF%BF%BD");

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(200);
		assertThat(Api.json(response).get("result").findValuesAsString("name")).containsExactly("\uFFFDkey");
	}

	@Test
	void refusesMetadataThatIsNotUtf8InAMultipartPut() {
		String boundary = "----formdata-undici-000000000003";
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nv\r\n--" + boundary
				+ "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{\"a\":\"").getBytes(StandardCharsets.US_ASCII));
		body.write(0xFF);
		body.writeBytes(("\"}\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));

		HttpResponse<byte[]> response = this.api.put(this.api.namespace(this.ns) + "/values/meta", body.toByteArray(),
				"Content-Type", "multipart/form-data; boundary=" + boundary);

		assertThat(response.statusCode()).as(Api.text(response)).isEqualTo(400);
		assertThat(Api.errorCode(response)).isEqualTo(ErrorCodes.INVALID_KEY);
		assertThat(Api.errorMessage(response)).contains("'metadata'").contains("not valid UTF-8");
		assertThat(kv.emulator().store().namespace(this.ns).get("meta")).isNull();
	}

}
