package io.github.workerskv.kv.emulator;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Bulk write, both bulk delete forms, and bulk get over HTTP. */
class BulkEndpointsTest {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private KVEmulator kv;

	private Api api;

	private String ns;

	private String bulk;

	@BeforeEach
	void start() {
		this.kv = KVEmulator.start(KVEmulatorOptions.defaults().withClock(KVEmulatorClock.at(NOW)));
		this.api = new Api(this.kv.baseUrl(), null, "acct");
		this.ns = this.api.createNamespace("bulk");
		this.bulk = this.api.namespace(this.ns) + "/bulk";
	}

	@AfterEach
	void stop() {
		this.kv.close();
	}

	private KVNamespace store() {
		return this.kv.store().namespace(this.ns);
	}

	@Test
	void writesItemsWithBase64ExpirationTtlAndMetadata() {
		long now = NOW.getEpochSecond();
		byte[] binary = { 0, 1, (byte) 0xfe, (byte) 0xff };
		String body = "[{\"key\":\"plain\",\"value\":\"v\"},"
				+ "{\"key\":\"bin\",\"value\":\"" + Base64.getEncoder().encodeToString(binary) + "\",\"base64\":true},"
				+ "{\"key\":\"exp\",\"value\":\"e\",\"expiration\":" + (now + 3600) + "},"
				+ "{\"key\":\"ttl\",\"value\":\"t\",\"expiration\":" + (now + 3600) + ",\"expiration_ttl\":120},"
				+ "{\"key\":\"meta\",\"value\":\"m\",\"metadata\":{\"a\":[1,2]},\"extra\":\"ignored\"}]";

		HttpResponse<byte[]> response = this.api.putJson(this.bulk, body);

		assertThat(Api.json(response).get("result").toString())
			.isEqualTo("{\"successful_key_count\":5,\"unsuccessful_keys\":[]}");
		assertThat(store().get("plain")).isEqualTo("v");
		assertThat(store().getBytes("bin")).isEqualTo(binary);
		assertThat(store().getWithMetadata("exp").expiration()).isEqualTo(now + 3600);
		assertThat(store().getWithMetadata("ttl").expiration()).isEqualTo(now + 120);
		assertThat(store().getWithMetadata("meta").metadata().toString()).isEqualTo("{\"a\":[1,2]}");
	}

	@Test
	void writesTenThousandItemsInOneRequestAndRefusesMore() {
		StringBuilder ok = new StringBuilder("[");
		for (int i = 0; i < 10_000; i++) {
			ok.append((i > 0) ? "," : "").append("{\"key\":\"k").append(i).append("\",\"value\":\"v").append(i).append("\"}");
		}
		String tooMany = ok + ",{\"key\":\"one-more\",\"value\":\"x\"}]";

		HttpResponse<byte[]> accepted = this.api.putJson(this.bulk, ok + "]");
		HttpResponse<byte[]> refused = this.api.putJson(this.bulk, tooMany);

		assertThat(Api.json(accepted).at("/result/successful_key_count").asInt()).isEqualTo(10_000);
		assertThat(store().get("k9999")).isEqualTo("v9999");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(refused)).isEqualTo("A bulk request holds at most 10000 items, but this one has 10001.");
		assertThat(store().get("one-more")).isNull();
	}

	@Test
	void rejectsTheWholeRequestWhenOneItemIsInvalid() {
		HttpResponse<byte[]> badKey = this.api.putJson(this.bulk,
				"[{\"key\":\"fine\",\"value\":\"v\"},{\"key\":\"" + "k".repeat(513) + "\",\"value\":\"v\"}]");
		HttpResponse<byte[]> badTtl = this.api.putJson(this.bulk,
				"[{\"key\":\"fine\",\"value\":\"v\"},{\"key\":\"x\",\"value\":\"v\",\"expiration_ttl\":10}]");
		HttpResponse<byte[]> notString = this.api.putJson(this.bulk, "[{\"key\":\"fine\",\"value\":42}]");
		HttpResponse<byte[]> badBase64 = this.api.putJson(this.bulk, "[{\"key\":\"fine\",\"value\":\"***\",\"base64\":true}]");
		HttpResponse<byte[]> notArray = this.api.putJson(this.bulk, "{\"key\":\"fine\"}");
		HttpResponse<byte[]> malformed = this.api.putJson(this.bulk, "[{\"key\":");

		assertThat(badKey.statusCode()).isEqualTo(414);
		assertThat(Api.errorMessage(badKey)).isEqualTo("UTF-8 encoded length of 513 exceeds key length limit of 512. (item 1)");
		assertThat(badTtl.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(badTtl)).isEqualTo("Invalid expiration_ttl of 10. Expiration TTL must be at least 60. (item 1)");
		assertThat(Api.errorMessage(notString)).isEqualTo("Item 0 of the bulk write: 'value' must be a string but is NUMBER.");
		assertThat(Api.errorMessage(badBase64)).contains("not valid base64");
		assertThat(notArray.statusCode()).isEqualTo(400);
		assertThat(Api.errorCode(malformed)).isEqualTo(10001);
		assertThat(store().get("fine")).isNull();
	}

	@Test
	void deletesWithPostBulkDeleteAsTheSdkDoes() {
		store().put("a", "1");
		store().put("b", "2");
		store().put("keep", "3");

		HttpResponse<byte[]> response = this.api.post(this.bulk + "/delete", "[\"a\",\"b\",\"never-existed\"]");

		assertThat(Api.json(response).get("result").toString())
			.isEqualTo("{\"successful_key_count\":3,\"unsuccessful_keys\":[]}");
		assertThat(store().get("a")).isNull();
		assertThat(store().get("keep")).isEqualTo("3");
	}

	@Test
	void deletesWithDeleteAndABodyAsWranglerDoes() {
		store().put("a/b", "1");
		store().put("sp ace", "2");

		HttpResponse<byte[]> response = this.api.deleteWithBody(this.bulk, "[\"a/b\",\"sp ace\"]");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(store().get("a/b")).isNull();
		assertThat(store().get("sp ace")).isNull();
	}

	@Test
	void refusesBulkDeleteItemsThatAreNotKeyNames() {
		store().put("a", "1");

		HttpResponse<byte[]> objects = this.api.post(this.bulk + "/delete", "[\"a\",{\"name\":\"b\"}]");
		HttpResponse<byte[]> empty = this.api.post(this.bulk + "/delete", "[\"a\",\"\"]");

		assertThat(objects.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(objects)).contains("Item 1 of the bulk delete must be a key name");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(store().get("a")).isEqualTo("1");
	}

	@Test
	void getsTextValuesWithNullForMissingKeysInRequestOrder() {
		store().put("k1", "v1");
		store().put("a/b", "{\"x\":1}");

		JsonNode result = Api.json(this.api.post(this.bulk + "/get", "{\"keys\":[\"k1\",\"a/b\",\"missing\",\"k1\"]}"))
			.get("result");

		assertThat(result.toString()).isEqualTo("{\"values\":{\"k1\":\"v1\",\"a/b\":\"{\\\"x\\\":1}\",\"missing\":null}}");
	}

	@Test
	void getsJsonValuesWithMetadataAndExpiration() {
		long now = NOW.getEpochSecond();
		store().put("j", "{\"x\":1}", PutOptions.none().withMetadata(Map.of("m", true)).withExpirationTtl(600));
		store().put("n", "42");

		JsonNode result = Api.json(this.api.post(this.bulk + "/get",
				"{\"keys\":[\"j\",\"n\",\"missing\"],\"type\":\"json\",\"withMetadata\":true}")).get("result");

		assertThat(result.toString()).isEqualTo("{\"values\":{\"j\":{\"value\":{\"x\":1},\"metadata\":{\"m\":true},\"expiration\":"
				+ (now + 600) + "},\"n\":{\"value\":42,\"metadata\":null},\"missing\":null}}");
	}

	@Test
	void refusesBadBulkGets() {
		store().put("text", "not json");
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			keys.add("\"k" + i + "\"");
		}

		HttpResponse<byte[]> tooMany = this.api.post(this.bulk + "/get", "{\"keys\":[" + String.join(",", keys) + "]}");
		HttpResponse<byte[]> none = this.api.post(this.bulk + "/get", "{\"keys\":[]}");
		HttpResponse<byte[]> badType = this.api.post(this.bulk + "/get", "{\"keys\":[\"text\"],\"type\":\"arrayBuffer\"}");
		HttpResponse<byte[]> notJson = this.api.post(this.bulk + "/get", "{\"keys\":[\"text\"],\"type\":\"json\"}");
		HttpResponse<byte[]> noKeys = this.api.post(this.bulk + "/get", "{}");
		HttpResponse<byte[]> emptyKey = this.api.post(this.bulk + "/get", "{\"keys\":[\"text\",\"\"]}");

		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(tooMany)).startsWith("You can request a maximum of 100 keys");
		assertThat(Api.errorMessage(none)).isEqualTo("You must request a minimum of 1 key");
		assertThat(Api.errorMessage(badType)).isEqualTo("\"arrayBuffer\" is not a valid type. Use \"json\" or \"text\"");
		assertThat(Api.errorMessage(notJson)).startsWith("At least one of the requested keys corresponds to a non-json value");
		assertThat(noKeys.statusCode()).isEqualTo(400);
		assertThat(emptyKey.statusCode()).isEqualTo(400);
		assertThat(Api.errorMessage(emptyKey)).as("Miniflare's words").isEqualTo("Key names must not be empty");
	}

	@Test
	void refusesABulkBodyOver100MB() {
		byte[] body = new byte[100_000_001];
		Arrays.fill(body, (byte) ' ');

		HttpResponse<byte[]> response = this.api.put(this.bulk, body, "Content-Type", "application/json");

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Api.errorMessage(response)).isEqualTo("A bulk request of 100000001 bytes exceeds the limit of 100000000 bytes.");
	}

}
