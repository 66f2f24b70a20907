package io.github.workerskv.kv.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wrangler kv bulk put/delete/get --remote}: wrangler sends 1,000 items per request, so more
 * than 10,000 items take several requests; bulk delete uses the deprecated {@code DELETE /bulk}.
 */
class WranglerBulkConformanceTest {

	private static final int ITEMS = 12_000;

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(Conformance.options());

	@TempDir
	Path home;

	private Wrangler wrangler;

	private String ns;

	@BeforeEach
	void namespace() {
		this.wrangler = new Wrangler(kv.emulator(), Conformance.TOKEN, Conformance.ACCOUNT, this.home);
		this.ns = Conformance.createNamespaces(kv.emulator(), "bulk-" + System.nanoTime() + "-", 1).get(0);
	}

	@AfterEach
	void resetFaults() {
		kv.emulator().faults().reset();
	}

	private KVNamespace store() {
		return kv.emulator().store().namespace(this.ns);
	}

	private NodeProcess.Result bulk(String... args) {
		return this.wrangler.run(Wrangler.kv("bulk", this.ns, args));
	}

	@Test
	void putsAndDeletesMoreThanTenThousandItemsInChunksOfAThousand() throws Exception {
		long expiration = Instant.now().getEpochSecond() + 7200;
		byte[] binary = { 0, 1, 2, (byte) 0xfd, (byte) 0xfe, (byte) 0xff };
		List<Map<String, Object>> items = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < ITEMS; i++) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("key", String.format("item/%05d", i));
			item.put("value", "value " + i);
			items.add(item);
			keys.add(String.format("item/%05d", i));
		}
		items.get(0).putAll(Map.of("value", Base64.getEncoder().encodeToString(binary), "base64", true));
		items.get(1).put("metadata", Map.of("n", 1, "tags", List.of("a", "b")));
		items.get(2).put("expiration_ttl", 600);
		items.get(3).put("expiration", expiration);
		items.get(4).put("key", "odd key/with?#%+😀");
		keys.set(4, "odd key/with?#%+😀");
		Path putFile = this.home.resolve("put.json");
		Files.writeString(putFile, Conformance.JSON.writeValueAsString(items));
		Path deleteFile = this.home.resolve("delete.json");
		Files.writeString(deleteFile, Conformance.JSON.writeValueAsString(keys));
		IntSupplier puts = Conformance.countRequests(kv.emulator(), "PUT", "/bulk$");
		IntSupplier deletes = Conformance.countRequests(kv.emulator(), "DELETE", "/bulk$");

		NodeProcess.Result put = bulk("put", putFile.toString());

		assertThat(put.exitCode()).as(put.describe()).isZero();
		assertThat(puts.getAsInt()).isEqualTo(12);
		assertThat(Conformance.keys(store())).hasSize(ITEMS);
		assertThat(store().getBytes("item/00000")).isEqualTo(binary);
		ValueWithMetadata<String> withMetadata = store().getWithMetadata("item/00001");
		assertThat(withMetadata.metadata()).isEqualTo(Conformance.JSON.readTree("{\"n\":1,\"tags\":[\"a\",\"b\"]}"));
		assertThat(store().getWithMetadata("item/00002").expiration()).isNotNull();
		assertThat(store().getWithMetadata("item/00003").expiration()).isEqualTo(expiration);
		assertThat(store().get("odd key/with?#%+😀")).isEqualTo("value 4");
		assertThat(store().get("item/11999")).isEqualTo("value 11999");

		NodeProcess.Result delete = bulk("delete", deleteFile.toString(), "--force");

		assertThat(delete.exitCode()).as(delete.describe()).isZero();
		assertThat(deletes.getAsInt()).isEqualTo(12);
		assertThat(Conformance.keys(store())).isEmpty();
	}

	@Test
	void getsSeveralKeysWithNullForMissingOnes() throws Exception {
		store().put("k1", "v1");
		store().put("a/b", "{\"json\":true}");
		store().put("sp ace", "spaced");
		Path file = this.home.resolve("get.json");
		Files.writeString(file, "[\"k1\",\"a/b\",{\"name\":\"sp ace\"},\"missing\"]");

		NodeProcess.Result get = bulk("get", file.toString());

		assertThat(get.exitCode()).as(get.describe()).isZero();
		JsonNode values = Conformance.json(get.out());
		assertThat(values.toString())
			.isEqualTo("{\"k1\":\"v1\",\"a/b\":\"{\\\"json\\\":true}\",\"sp ace\":\"spaced\",\"missing\":null}");
	}

	@Test
	void stopsAtTheFirstFailingChunkAsWranglerDoes() throws Exception {
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			items.add(Map.of("key", String.format("chunk/%04d", i), "value", "v"));
		}
		Path file = this.home.resolve("put.json");
		Files.writeString(file, Conformance.JSON.writeValueAsString(items));
		IntSupplier puts = Conformance.countRequests(kv.emulator(), "PUT", "/bulk$");
		kv.emulator().faults()
			.next(1, RequestLine.matching("PUT", "/bulk$"), Fault.delay(Duration.ZERO))
			.next(1, RequestLine.matching("PUT", "/bulk$"), Fault.serverError(500));

		NodeProcess.Result put = bulk("put", file.toString());

		assertThat(put.exitCode()).as(put.describe()).isNotZero();
		assertThat(put.out() + put.stderr()).contains("[code: 10002]");
		assertThat(puts.getAsInt()).isEqualTo(2);
		assertThat(Conformance.keys(store())).hasSize(1_000);
	}

	/** wrangler 4.80 never reads {@code unsuccessful_keys}: keys the API could not write go unnoticed. */
	@Test
	void reportsSuccessAlthoughTheApiListsUnsuccessfulKeys() throws Exception {
		Path file = this.home.resolve("put.json");
		Files.writeString(file, "[{\"key\":\"ok\",\"value\":\"1\"},{\"key\":\"flaky\",\"value\":\"2\"}]");
		kv.emulator().faults().failBulkKeys("flaky");

		NodeProcess.Result put = bulk("put", file.toString());

		assertThat(store().get("ok")).isEqualTo("1");
		assertThat(store().get("flaky")).isNull();
		assertThat(put.exitCode()).as(put.describe()).isZero();
		assertThat(put.out()).contains("Success!");
	}

}
