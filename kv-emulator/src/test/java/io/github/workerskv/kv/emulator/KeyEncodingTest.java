package io.github.workerskv.kv.emulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys travel percent-encoded in the path and must be decoded exactly once, with {@code +} literal;
 * query values are form-decoded ({@code +} is a space). The table is what wrangler 4.80 and the
 * cloudflare SDK 7.3 were recorded sending (wrangler-wire.md §3).
 */
class KeyEncodingTest {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("t0ken").withAccountId("acct"));

	private Api api;

	private String ns;

	@BeforeEach
	void namespace() {
		this.api = new Api(kv.baseUrl(), "t0ken", "acct");
		this.ns = this.api.createNamespace("keys-" + System.nanoTime());
	}

	@ParameterizedTest(name = "{0} is stored as {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			my%20key%20with%20spaces | my key with spaces
			a%2Fb%2Fc | a/b/c
			%C3%BCn%C3%AFc%C3%B8d%C3%A9-%D0%BA%D0%BB%D1%8E%D1%87-%F0%9F%98%80 | ünïcødé-ключ-😀
			what%3Fx%3D1%26y%3D2 | what?x=1&y=2
			what%3Fx=1&y=2 | what?x=1&y=2
			hash%23frag | hash#frag
			100%25percent | 100%percent
			%252F-literal | %2F-literal
			plus%2Bsign | plus+sign
			plus+sign | plus+sign
			colon%3Aat%40bang!dollar%24amp%26quote'star*comma%2Csemi%3Beq%3D | colon:at@bang!dollar$amp&quote'star*comma,semi;eq=
			colon:at@bang!dollar$amp&quote'star*comma,semi;eq= | colon:at@bang!dollar$amp&quote'star*comma,semi;eq=
			tilde~under_dash-dot. | tilde~under_dash-dot.
			back%5Cslash | back\\slash
			tab%09here | "tab\there"
			... | ...
			a%2F..%2Fb | a/../b
			%2E%2E%2E | ...
			""")
	void decodesTheRawPathSegmentOnce(String rawKey, String expectedKey) {
		String key = expectedKey.replace("\\\\", "\\").replace("\\t", "\t");
		HttpResponse<byte[]> put = this.api.put(this.api.namespace(this.ns) + "/values/" + rawKey, "value of " + key);
		assertThat(put.statusCode()).as(Api.text(put)).isEqualTo(200);

		assertThat(kv.emulator().store().namespace(this.ns).get(key)).isEqualTo("value of " + key);
		HttpResponse<byte[]> get = this.api.get(this.api.namespace(this.ns) + "/values/" + rawKey);
		assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("value of " + key);
		HttpResponse<byte[]> metadata = this.api.get(this.api.namespace(this.ns) + "/metadata/" + rawKey);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(this.api.delete(this.api.namespace(this.ns) + "/values/" + rawKey).statusCode()).isEqualTo(200);
		assertThat(kv.emulator().store().namespace(this.ns).get(key)).isNull();
	}

	@Test
	void takesEverythingAfterValuesAsTheKeyWhenSlashesAreNotEncoded() {
		this.api.put(this.api.namespace(this.ns) + "/values/a/b/c", "raw slashes");

		assertThat(kv.emulator().store().namespace(this.ns).get("a/b/c")).isEqualTo("raw slashes");
	}

	@Test
	void decodesPlusAsASpaceInQueryValues() {
		kv.emulator().store().namespace(this.ns).put("a/b c?#%x", "1");
		kv.emulator().store().namespace(this.ns).put("a/b+c", "2");

		HttpResponse<byte[]> wranglerStyle = this.api.get(this.api.namespace(this.ns) + "/keys?prefix=a%2Fb+c%3F%23%25");
		HttpResponse<byte[]> sdkStyle = this.api.get(this.api.namespace(this.ns) + "/keys?prefix=a%2Fb%20c");
		HttpResponse<byte[]> plus = this.api.get(this.api.namespace(this.ns) + "/keys?prefix=a%2Fb%2B");

		assertThat(Api.json(wranglerStyle).get("result").findValuesAsString("name")).containsExactly("a/b c?#%x");
		assertThat(Api.json(sdkStyle).get("result").findValuesAsString("name")).containsExactly("a/b c?#%x");
		assertThat(Api.json(plus).get("result").findValuesAsString("name")).containsExactly("a/b+c");
	}

	@Test
	void rejectsABrokenEscapeWithA400Envelope() {
		String response = this.api.raw("PUT", this.api.namespace(this.ns) + "/values/bad%zzescape", "v");

		assertThat(response).startsWith("HTTP/1.1 400 ")
			.contains("Content-Type: application/json")
			.contains("{\"success\":false,\"errors\":[{\"code\":10001,");
	}

	@Test
	void rejectsBytesThatAreNotUtf8With400() {
		HttpResponse<byte[]> response = this.api.put(this.api.namespace(this.ns) + "/values/%FF%FE", "v");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(response)).contains("does not decode to UTF-8");
	}

	@Test
	void servesKeysHoldingNulThroughThePathAsThroughTheBulkEndpoints() {
		String values = this.api.namespace(this.ns) + "/values/";
		HttpResponse<byte[]> put = this.api.put(values + "x%00y", "by path");
		HttpResponse<byte[]> metadata = this.api.get(this.api.namespace(this.ns) + "/metadata/x%00y");
		HttpResponse<byte[]> get = this.api.get(values + "x%00y");
		HttpResponse<byte[]> bulkGet = this.api.post(this.api.namespace(this.ns) + "/bulk/get",
				"{\"keys\":[\"x\\u0000y\"]}");

		assertThat(put.statusCode()).as(Api.text(put)).isEqualTo(200);
		assertThat(kv.emulator().store().namespace(this.ns).get("x\u0000y")).isEqualTo("by path");
		assertThat(metadata.statusCode()).as(Api.text(metadata)).isEqualTo(200);
		assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("by path");
		assertThat(Api.json(bulkGet).at("/result/values").toString()).isEqualTo("{\"x\\u0000y\":\"by path\"}");
		assertThat(this.api.delete(values + "x%00y").statusCode()).isEqualTo(200);
		assertThat(kv.emulator().store().namespace(this.ns).get("x\u0000y")).isNull();
	}

	@Test
	void aNulInThePathIsNotConfusedWithAnEncodedPercent() {
		String values = this.api.namespace(this.ns) + "/values/";
		this.api.put(values + "a%00", "nul");
		this.api.put(values + "a%2500", "percent");
		this.api.put(values + "a%25%30%30", "percent, digits encoded");

		assertThat(kv.emulator().store().namespace(this.ns).get("a\u0000")).isEqualTo("nul");
		assertThat(kv.emulator().store().namespace(this.ns).get("a%00")).isEqualTo("percent, digits encoded");
		assertThat(new String(this.api.get(values + "a%2500").body(), StandardCharsets.UTF_8))
			.isEqualTo("percent, digits encoded");
		assertThat(new String(this.api.get(values + "a%00").body(), StandardCharsets.UTF_8)).isEqualTo("nul");
	}

	@Test
	void faultScriptsSeeANulPathAsItWasSent() {
		kv.emulator().faults().next(1, RequestLine.matching("GET", "/values/x%00y$"), Fault.serverError(503));

		String first = this.api.raw("GET", this.api.namespace(this.ns) + "/values/x%00y", "");
		String second = this.api.raw("GET", this.api.namespace(this.ns) + "/values/x%00y", "");

		assertThat(first).startsWith("HTTP/1.1 503 ");
		assertThat(second).startsWith("HTTP/1.1 404 ").contains("key not found");
		kv.emulator().faults().reset();
	}

	@Test
	void answersTheEmptyKeyWrangleSendsForDotWithTheKeyMessage() {
		HttpResponse<byte[]> response = this.api.put(this.api.namespace(this.ns) + "/values/", "v");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(response)).isEqualTo("Key name cannot be empty.");
	}

	@Test
	void refusesEncodedDotKeys() {
		HttpResponse<byte[]> dot = this.api.put(this.api.namespace(this.ns) + "/values/%2E", "v");
		HttpResponse<byte[]> dotDot = this.api.put(this.api.namespace(this.ns) + "/values/%2E%2E", "v");

		assertThat(Api.errorMessage(dot)).isEqualTo("\".\" is not allowed as a key name.");
		assertThat(Api.errorMessage(dotDot)).isEqualTo("\"..\" is not allowed as a key name.");
	}

	@Test
	void doesNotTreatATrailingSlashAfterTheNamespaceAsARename() {
		HttpResponse<byte[]> response = this.api.put(this.api.namespace(this.ns) + "/", "{\"title\":\"hijacked\"}");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(Api.errorCode(response)).isEqualTo(7003);
		assertThat(Api.json(this.api.get(this.api.namespace(this.ns))).at("/result/title").asString())
			.startsWith("keys-");
	}

}
