package io.github.workerskv.kv.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official {@code cloudflare} npm SDK 7.3.0 against the emulator: {@code js/sdk-driver.mjs}
 * makes every KV call once and prints what each returned; these tests check that output and the
 * emulator's store.
 */
class SdkConformanceTest {

	private static KVEmulator kv;

	private static NodeProcess.Result run;

	private static JsonNode out;

	private static IntSupplier keyListRequests;

	private static IntSupplier bulkWriteRequests;

	private static IntSupplier bulkDeleteRequests;

	@BeforeAll
	static void runTheDriver(@TempDir Path workDir) {
		kv = KVEmulator.start(Conformance.options());
		keyListRequests = Conformance.countRequests(kv, "GET", "/keys$");
		bulkWriteRequests = Conformance.countRequests(kv, "PUT", "/bulk$");
		bulkDeleteRequests = Conformance.countRequests(kv, "POST", "/bulk/delete$");
		kv.faults()
			.next(1, RequestLine.matching("PUT", "/values/retry-me$"),
					Fault.rateLimited(Duration.ofSeconds(1)))
			.next(2, RequestLine.matching("GET", "/values/retry-me$"),
					Fault.serverError(503));
		run = NodeProcess.run(List.of("node", NodeProcess.JS_DIR.resolve("sdk-driver.mjs").toString()),
				Map.of("KV_BASE_URL", kv.baseUrl().toString(), "KV_TOKEN", Conformance.TOKEN, "KV_ACCOUNT",
						Conformance.ACCOUNT),
				workDir, Duration.ofMinutes(3));
		assertThat(run.exitCode()).as(run.describe()).isZero();
		out = Conformance.JSON.readTree(run.out());
	}

	@AfterAll
	static void stop() {
		if (kv != null) {
			kv.close();
		}
	}

	private static KVNamespace store(int createdIndex) {
		return kv.store().namespace(out.at("/created/" + createdIndex).asString());
	}

	@Test
	void managesNamespacesAndPagesThemToTheEmptyPage() {
		assertThat(out.get("created")).hasSize(3);
		assertThat(out.get("titles").toString()).isEqualTo("[\"sdk-a\",\"sdk-b\",\"sdk-c\"]");
		assertThat(out.at("/got/title").asString()).isEqualTo("sdk-b");
		assertThat(out.at("/renamed/title").asString()).isEqualTo("sdk-b-renamed");
		assertThat(out.at("/getDeleted/error/status").asInt()).isEqualTo(404);
		assertThat(out.at("/getDeleted/error/errors/0/code").asInt()).isEqualTo(10013);
		assertThat(out.at("/duplicate/error/name").asString()).isEqualTo("BadRequestError");
		assertThat(out.at("/duplicate/error/errors/0/code").asInt()).isEqualTo(10014);
	}

	@Test
	void writesValuesAsMultipartWithMetadataAsJsonText() {
		KVNamespace values = store(0);

		assertThat(values.get("plain")).isEqualTo("plain value");
		assertThat(values.getWithMetadata("plain").metadata()).isNull();
		assertThat(values.getWithMetadata("with-meta").metadata().toString())
			.isEqualTo("{\"a\":1,\"nested\":{\"b\":\"x\"}}");
		assertThat(values.get("empty")).isEmpty();
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		assertThat(values.getBytes("binary")).isEqualTo(binary);
		assertThat(out.get("flattenedMetadata").at("/error/status").asInt()).isEqualTo(400);
		assertThat(values.get("flattened")).isNull();
	}

	@Test
	void readsValuesRawWithTheirExpirationAndMetadata() {
		assertThat(out.get("withMetaValue").asString()).isEqualTo("meta value");
		assertThat(out.get("withMetaExpiration").asString())
			.isEqualTo(store(0).getWithMetadata("with-meta").expiration().toString());
		assertThat(Base64.getDecoder().decode(out.get("binaryBase64").asString())).hasSize(256);
		assertThat(out.get("emptyValue").asString()).isEmpty();
		assertThat(out.get("metadata").toString()).isEqualTo("{\"a\":1,\"nested\":{\"b\":\"x\"}}");
		assertThat(out.get("metadataOfPlain").isNull()).isTrue();
	}

	@Test
	void mapsMissingKeysToNotFoundErrorWith10009() {
		assertThat(out.at("/missingValue/error/name").asString()).isEqualTo("NotFoundError");
		assertThat(out.at("/missingValue/error/status").asInt()).isEqualTo(404);
		assertThat(out.at("/missingValue/error/errors/0/code").asInt()).isEqualTo(10009);
		assertThat(out.at("/missingValue/error/errors/0/message").asString()).isEqualTo("get: 'key not found'");
		assertThat(out.at("/missingMetadata/error/status").asInt()).isEqualTo(404);
		assertThat(out.at("/missingMetadata/error/errors/0/code").asInt()).isEqualTo(10009);
	}

	@Test
	void keepsKeysTheSdkLeavesUnencodedInThePath() {
		KVNamespace values = store(0);

		out.get("odd").properties().forEach((entry) -> {
			assertThat(entry.getValue().asString()).isEqualTo("v:" + entry.getKey());
			if (!entry.getKey().equals("a/b/c")) {
				assertThat(values.get(entry.getKey())).as(entry.getKey()).isEqualTo("v:" + entry.getKey());
			}
		});
		assertThat(out.get("odd")).hasSize(11);
		assertThat(values.get("a/b/c")).isNull();
		assertThat(out.at("/dotKey/error/name").asString()).isEqualTo("CloudflareError");
	}

	@Test
	void retriesInjected429And503Away() {
		assertThat(out.get("retried").asString()).isEqualTo("after retries");
		assertThat(store(0).get("retry-me")).isEqualTo("after retries");
	}

	@Test
	void bulkWritesTenThousandItemsInOneRequestAndRefusesMore() {
		KVNamespace bulk = store(1);

		assertThat(out.get("bulkUpdate").toString()).isEqualTo("{\"successful_key_count\":10000,\"unsuccessful_keys\":[]}");
		assertThat(out.at("/bulkUpdateTooMany/error/name").asString()).isEqualTo("BadRequestError");
		assertThat(out.at("/bulkUpdateTooMany/error/errors/0/message").asString()).contains("at most 10000 items");
		assertThat(bulkWriteRequests.getAsInt()).isEqualTo(2);
		assertThat(bulk.get("one-too-many")).isNull();
		assertThat(Base64.getDecoder().decode(out.get("bulkBinaryBase64").asString())).hasSize(256).startsWith(0, 1, 2);
		assertThat(out.at("/bulkGet/values/bulk-00001/expiration").isNumber()).isTrue();
	}

	@Test
	void listsKeysByFollowingTheCursorUntilItIsEmpty() {
		assertThat(out.get("listed").asInt()).isEqualTo(10_000);
		assertThat(out.get("listedInOrder").asBoolean()).isTrue();
		assertThat(keyListRequests.getAsInt()).isEqualTo(10);
	}

	@Test
	void bulkGetsJsonWithMetadataAndNullForMissingKeys() {
		assertThat(out.at("/bulkGet/values").toString()).startsWith("{\"bulk-00001\":{\"value\":{\"n\":1},"
				+ "\"metadata\":{\"kind\":\"json\"},\"expiration\":");
		assertThat(out.at("/bulkGetTextWithMetadata/values/bulk-00002").toString())
			.isEqualTo("{\"value\":\"v2\",\"metadata\":null}");
		assertThat(out.at("/bulkGetNotJson/error/status").asInt()).isEqualTo(400);
		assertThat(out.at("/bulkGet/values/missing").isNull()).isTrue();
		assertThat(out.at("/bulkGetText/values").toString()).isEqualTo("{\"bulk-00002\":\"v2\",\"missing\":null}");
	}

	@Test
	void bulkDeletesWithPostBulkDelete() {
		assertThat(out.get("bulkDelete").toString()).isEqualTo("{\"successful_key_count\":9990,\"unsuccessful_keys\":[]}");
		assertThat(bulkDeleteRequests.getAsInt()).isEqualTo(1);
		assertThat(Conformance.keys(store(1))).hasSize(10);
	}

}
