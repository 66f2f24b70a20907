package io.github.workerskv.kv.emulator;

import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueWithMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Single values, metadata and the key list over HTTP. */
class ValueEndpointsTest {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final KVEmulatorClock clock = KVEmulatorClock.at(NOW);

	private KVEmulator kv;

	private Api api;

	private String ns;

	private String values;

	@BeforeEach
	void start() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("tok").withClock(this.clock));
		this.api = new Api(this.kv.baseUrl(), "tok", "acct");
		this.ns = this.api.createNamespace("values");
		this.values = this.api.namespace(this.ns) + "/values/";
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	private KVNamespace store() {
		return this.kv.store().namespace(this.ns);
	}

	@Test
	void storesARawBodyVerbatimWhateverItsContentType() {
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}

		this.api.put(this.values + "text", "myvalue", "Content-Type", "text/plain;charset=UTF-8");
		this.api.put(this.values + "json", "{\"value\":\"v\",\"metadata\":{\"a\":1}}", "Content-Type", "application/json");
		this.api.put(this.values + "bin", binary);

		assertThat(store().get("text")).isEqualTo("myvalue");
		assertThat(store().get("json")).isEqualTo("{\"value\":\"v\",\"metadata\":{\"a\":1}}");
		assertThat(store().getWithMetadata("json").metadata()).isNull();
		assertThat(store().getBytes("bin")).isEqualTo(binary);
		HttpResponse<byte[]> get = this.api.get(this.values + "bin");
		assertThat(get.body()).isEqualTo(binary);
		assertThat(get.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(get.headers().firstValue("expiration")).isEmpty();
	}

	@Test
	void answersAMissingKeyWith404And10009() {
		HttpResponse<byte[]> value = this.api.get(this.values + "nope");
		HttpResponse<byte[]> metadata = this.api.get(this.api.namespace(this.ns) + "/metadata/nope");

		assertThat(value.statusCode()).isEqualTo(404);
		assertThat(Api.json(value).toString()).isEqualTo(
				"{\"success\":false,\"errors\":[{\"code\":10009,\"message\":\"get: 'key not found'\"}],\"messages\":[],\"result\":null}");
		assertThat(metadata.statusCode()).isEqualTo(404);
		assertThat(Api.errorCode(metadata)).isEqualTo(10009);
	}

	@Test
	void storesMultipartValueAndMetadataAsWranglerSendsThem() {
		Api.Multipart body = Api.multipart("value", "metavalue", "metadata", "{\"a\":1,\"b\":\"x\"}");

		HttpResponse<byte[]> put = this.api.put(this.values + "metakey", body.body(), "Content-Type", body.contentType());

		assertThat(put.statusCode()).as(Api.text(put)).isEqualTo(200);
		ValueWithMetadata<String> stored = store().getWithMetadata("metakey");
		assertThat(stored.value()).isEqualTo("metavalue");
		assertThat(stored.metadata().toString()).isEqualTo("{\"a\":1,\"b\":\"x\"}");
		JsonNode metadata = Api.json(this.api.get(this.api.namespace(this.ns) + "/metadata/metakey"));
		assertThat(metadata.get("result").toString()).isEqualTo("{\"a\":1,\"b\":\"x\"}");
	}

	@Test
	void storesABinaryFilePartAndAnEmptyValue() {
		byte[] binary = { 0, (byte) 0xff, 0x10, 0x0d, 0x0a };
		Api.Multipart file = Api.multipart("value", binary, "metadata", "\"just a string\"");
		Api.Multipart empty = Api.multipart("value", "");

		this.api.put(this.values + "file", file.body(), "Content-Type", file.contentType());
		this.api.put(this.values + "empty", empty.body(), "Content-Type", empty.contentType());

		assertThat(store().getBytes("file")).isEqualTo(binary);
		assertThat(store().getWithMetadata("file").metadata().asString()).isEqualTo("just a string");
		assertThat(store().get("empty")).isEmpty();
		assertThat(Api.json(this.api.get(this.api.namespace(this.ns) + "/metadata/empty")).get("result").isNull())
			.isTrue();
	}

	@Test
	void rejectsMetadataFlattenedIntoFormFieldsAndMultipartWithoutValue() {
		Api.Multipart flattened = Api.multipart("value", "v", "metadata[a]", "1", "metadata[nested][b]", "x");
		Api.Multipart noValue = Api.multipart("metadata", "{}");
		Api.Multipart badJson = Api.multipart("value", "v", "metadata", "{not json");

		HttpResponse<byte[]> a = this.api.put(this.values + "k", flattened.body(), "Content-Type", flattened.contentType());
		HttpResponse<byte[]> b = this.api.put(this.values + "k", noValue.body(), "Content-Type", noValue.contentType());
		HttpResponse<byte[]> c = this.api.put(this.values + "k", badJson.body(), "Content-Type", badJson.contentType());

		assertThat(a.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(a)).contains("'metadata[a]'").contains("JSON.stringify");
		assertThat(b.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(b)).isEqualTo("multipart put request does not contain required form field 'value'");
		assertThat(c.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(c)).startsWith("Invalid metadata JSON");
		assertThat(store().get("k")).isNull();
	}

	@Test
	void expiresByTtlOrAbsoluteTimeAndTtlWins() {
		long now = NOW.getEpochSecond();

		this.api.put(this.values + "ttl?expiration_ttl=120", "a");
		this.api.put(this.values + "abs?expiration=" + (now + 3600), "b");
		this.api.put(this.values + "both?expiration=" + (now + 59) + "&expiration_ttl=300", "c");
		HttpResponse<byte[]> fraction = this.api.put(this.values + "fraction?expiration_ttl=90.7", "d");

		assertThat(this.api.get(this.values + "ttl").headers().firstValue("expiration")).hasValue(Long.toString(now + 120));
		assertThat(this.api.get(this.values + "abs").headers().firstValue("expiration")).hasValue(Long.toString(now + 3600));
		assertThat(store().getWithMetadata("both").expiration()).isEqualTo(now + 300);
		assertThat(fraction.statusCode()).as("a fraction is not a whole number of seconds").isEqualTo(400);
		assertThat(store().get("fraction")).isNull();

		this.clock.advance(Duration.ofSeconds(121));
		assertThat(this.api.get(this.values + "ttl").statusCode()).isEqualTo(404);
		assertThat(this.api.get(this.values + "abs").statusCode()).isEqualTo(200);
	}

	@Test
	void answersBrokenLimitsWithKvCoreMessagesAndStatuses() {
		long now = NOW.getEpochSecond();

		HttpResponse<byte[]> longKey = this.api.put(this.values + "k".repeat(513), "v");
		HttpResponse<byte[]> shortTtl = this.api.put(this.values + "k?expiration_ttl=30", "v");
		HttpResponse<byte[]> zeroTtl = this.api.put(this.values + "k?expiration_ttl=0", "v");
		HttpResponse<byte[]> textTtl = this.api.put(this.values + "k?expiration_ttl=abc", "v");
		HttpResponse<byte[]> past = this.api.put(this.values + "k?expiration=" + (now - 1), "v");
		HttpResponse<byte[]> soon = this.api.put(this.values + "k?expiration=" + (now + 59), "v");
		Api.Multipart bigMetadata = Api.multipart("value", "v", "metadata", "{\"m\":\"" + "x".repeat(1017) + "\"}");
		HttpResponse<byte[]> metadata = this.api.put(this.values + "k", bigMetadata.body(), "Content-Type",
				bigMetadata.contentType());

		assertThat(longKey.statusCode()).isEqualTo(414);
		assertThat(Api.errorMessage(longKey)).isEqualTo("UTF-8 encoded length of 513 exceeds key length limit of 512.");
		assertThat(shortTtl.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(shortTtl)).isEqualTo("Invalid expiration_ttl of 30. Expiration TTL must be at least 60.");
		assertThat(Api.errorMessage(zeroTtl)).isEqualTo("Invalid expiration_ttl of 0. Please specify integer greater than 0.");
		assertThat(Api.errorMessage(textTtl)).isEqualTo("Invalid expiration_ttl of abc. Please specify integer greater than 0.");
		assertThat(Api.errorMessage(past)).isEqualTo("Invalid expiration of " + (now - 1)
				+ ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
		assertThat(Api.errorMessage(soon)).isEqualTo("Invalid expiration of " + (now + 59)
				+ ". Expiration times must be at least 60 seconds in the future.");
		assertThat(metadata.statusCode()).isEqualTo(413);
		assertThat(Api.errorMessage(metadata)).isEqualTo("Metadata length of 1025 exceeds limit of 1024.");
		assertThat(List.of(longKey, shortTtl, zeroTtl, textTtl, past, soon, metadata))
			.allSatisfy((response) -> assertThat(Api.errorCode(response)).isNotEqualTo(10000));
		assertThat(store().get("k")).isNull();
	}

	@Test
	void refusesAValueOver25MiBAndAcceptsExactly25MiB() {
		byte[] limit = new byte[26_214_400];
		byte[] over = new byte[26_214_401];

		HttpResponse<byte[]> accepted = this.api.put(this.values + "big", limit);
		HttpResponse<byte[]> refused = this.api.put(this.values + "bigger", over);
		Api.Multipart multipart = Api.multipart("value", over);
		HttpResponse<byte[]> refusedMultipart = this.api.put(this.values + "bigger", multipart.body(), "Content-Type",
				multipart.contentType());

		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(store().getBytes("big")).hasSize(26_214_400);
		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(Api.errorMessage(refused)).isEqualTo("Value length of 26214401 exceeds limit of 26214400.");
		assertThat(refusedMultipart.statusCode()).isEqualTo(413);
		assertThat(Api.errorMessage(refusedMultipart)).endsWith("exceeds limit of 26214400.");
		assertThat(store().get("bigger")).isNull();
	}

	@Test
	void answersABodyThatBreaksOffWith400AndStoresNothing() throws Exception {
		String head = "PUT " + this.kv.baseUrl().getRawPath() + this.values + "broken HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Authorization: Bearer tok\r\nContent-Length: 1000\r\n\r\n";
		String response;
		try (Socket socket = new Socket("127.0.0.1", this.kv.port())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write((head + "only ten b").getBytes(StandardCharsets.ISO_8859_1));
			socket.shutdownOutput();
			response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}

		assertThat(response).startsWith("HTTP/1.1 400 ").contains("\"code\":10001");
		assertThat(store().get("broken")).isNull();
	}

	@Test
	void deletesAKeyAndDeletingAMissingKeySucceeds() {
		store().put("gone", "v");

		assertThat(this.api.delete(this.values + "gone").statusCode()).isEqualTo(200);
		assertThat(this.api.delete(this.values + "gone").statusCode()).isEqualTo(200);
		assertThat(store().get("gone")).isNull();
	}

	@Test
	void listsKeysWithExpirationAndMetadataAndEndsWithAnEmptyCursor() {
		long now = NOW.getEpochSecond();
		store().put("a", "1", PutOptions.none().withExpirationTtl(600).withMetadata(Map.of("m", 1)));
		store().put("b", "2");

		JsonNode listed = Api.json(this.api.get(this.api.namespace(this.ns) + "/keys?prefix="));

		assertThat(listed.get("result").toString())
			.isEqualTo("[{\"name\":\"a\",\"expiration\":" + (now + 600) + ",\"metadata\":{\"m\":1}},{\"name\":\"b\"}]");
		assertThat(listed.get("result_info").toString()).isEqualTo("{\"count\":2,\"cursor\":\"\"}");
	}

	@Test
	void followsTheCursorThroughEveryPageInUtf8ByteOrder() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			expected.add(String.format("key-%02d", i));
			store().put(String.format("key-%02d", i), "v");
		}
		store().put("other", "v");

		List<String> seen = new ArrayList<>();
		String cursor = "";
		int pages = 0;
		do {
			JsonNode page = Api.json(this.api.get(this.api.namespace(this.ns) + "/keys?prefix=key-&limit=10"
					+ (cursor.isEmpty() ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
			seen.addAll(page.get("result").findValuesAsString("name"));
			cursor = page.at("/result_info/cursor").asString();
			pages++;
		}
		while (!cursor.isEmpty() && pages < 10);

		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo(3);
	}

	@Test
	void ordersKeysByUtf8BytesNotUtf16() {
		store().put("\uffff", "v");
		store().put("\ud83d\ude00", "v");
		store().put("\ue000", "v");

		JsonNode listed = Api.json(this.api.get(this.api.namespace(this.ns) + "/keys"));

		assertThat(listed.get("result").findValuesAsString("name")).containsExactly("\ue000", "\uffff", "\ud83d\ude00");
	}

	@Test
	void rejectsListLimitsOutsideTheRestRangeAndBadCursors() {
		HttpResponse<byte[]> small = this.api.get(this.api.namespace(this.ns) + "/keys?limit=9");
		HttpResponse<byte[]> large = this.api.get(this.api.namespace(this.ns) + "/keys?limit=1001");
		HttpResponse<byte[]> cursor = this.api.get(this.api.namespace(this.ns) + "/keys?cursor=!!!");
		HttpResponse<byte[]> prefix = this.api.get(this.api.namespace(this.ns) + "/keys?prefix=" + "p".repeat(513));
		HttpResponse<byte[]> ten = this.api.get(this.api.namespace(this.ns) + "/keys?limit=10");

		assertThat(small.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(small)).isEqualTo("Invalid limit of 9. The REST API lists 10 to 1000 keys per page.");
		assertThat(large.statusCode()).isEqualTo(400);
		assertThat(cursor.statusCode()).isEqualTo(400);
		assertThat(prefix.statusCode()).isEqualTo(414);
		assertThat(ten.statusCode()).isEqualTo(200);
	}

}
