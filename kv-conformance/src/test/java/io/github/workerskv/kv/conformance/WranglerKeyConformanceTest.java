package io.github.workerskv.kv.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wrangler kv key put/get/list/delete --remote} against the emulator, checked byte for byte. */
class WranglerKeyConformanceTest {

	/** Keys that need encoding, as wrangler-wire.md §3 lists them. */
	private static final List<String> ODD_KEYS = List.of("my key with spaces", "a/b/c", "what?x=1&y=2", "hash#frag",
			"100%percent", "%2F-literal", "plus+sign", "ünïcødé-ключ-😀",
			"colon:at@bang!dollar$amp&quote'star*comma,semi;eq=");

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(Conformance.options());

	@TempDir
	Path home;

	private Wrangler wrangler;

	private String ns;

	@BeforeEach
	void namespace() {
		this.wrangler = new Wrangler(kv.emulator(), Conformance.TOKEN, Conformance.ACCOUNT, this.home);
		this.ns = Conformance.createNamespaces(kv.emulator(), "keys-" + System.nanoTime() + "-", 1).get(0);
	}

	@AfterEach
	void resetFaults() {
		kv.emulator().faults().reset();
	}

	private KVNamespace store() {
		return kv.emulator().store().namespace(this.ns);
	}

	private NodeProcess.Result key(String... args) {
		return this.wrangler.ok(Wrangler.kv("key", this.ns, args));
	}

	@Test
	void putsPlainMetadataTtlExpirationAndFileValues() throws Exception {
		long expiration = Instant.now().getEpochSecond() + 3600;
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		Path file = Files.write(this.home.resolve("binary.bin"), binary);
		long before = Instant.now().getEpochSecond();

		key("put", "plain", "myvalue");
		key("put", "metakey", "metavalue", "--metadata", "{\"a\":1,\"b\":\"x\"}");
		key("put", "ttlkey", "ttlvalue", "--ttl", "120");
		key("put", "expkey", "expvalue", "--expiration", Long.toString(expiration));
		key("put", "binkey", "--path", file.toString());
		key("put", "binmetakey", "--path", file.toString(), "--metadata", "{\"kind\":\"bin\"}", "--ttl", "300");

		assertThat(store().get("plain")).isEqualTo("myvalue");
		assertThat(store().getWithMetadata("plain").metadata()).isNull();
		ValueWithMetadata<String> meta = store().getWithMetadata("metakey");
		assertThat(meta.value()).isEqualTo("metavalue");
		assertThat(meta.metadata().toString()).isEqualTo("{\"a\":1,\"b\":\"x\"}");
		assertThat(store().getWithMetadata("ttlkey").expiration()).isBetween(before + 120, Instant.now().getEpochSecond() + 120);
		assertThat(store().getWithMetadata("expkey").expiration()).isEqualTo(expiration);
		assertThat(store().getBytes("binkey")).isEqualTo(binary);
		ValueWithMetadata<byte[]> binMeta = store().getWithMetadata("binmetakey",
				ValueType.bytes(), GetOptions.defaults());
		assertThat(binMeta.value()).isEqualTo(binary);
		assertThat(binMeta.metadata().toString()).isEqualTo("{\"kind\":\"bin\"}");
		assertThat(binMeta.expiration()).isNotNull();
	}

	@Test
	void getsValuesBinarySafeAndAsText() {
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) (255 - i);
		}
		store().put("bin", binary);
		store().put("text", "héllo 😀");

		NodeProcess.Result raw = key("get", "bin");
		NodeProcess.Result text = key("get", "text", "--text");
		NodeProcess.Result missing = this.wrangler.run("kv", "key", "get", "missing", "--namespace-id", this.ns, "--remote");

		assertThat(raw.stdout()).as(raw.describe()).isEqualTo(binary);
		assertThat(text.out()).isEqualTo("héllo 😀\n");
		assertThat(missing.exitCode()).as(missing.describe()).isNotZero();
		assertThat(missing.out() + missing.stderr()).contains("404");
	}

	@Test
	void putsGetsAndDeletesKeysThatNeedEncoding() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> gets = new ArrayList<>();
			for (String key : ODD_KEYS) {
				gets.add(pool.submit(() -> {
					key("put", key, "value of " + key);
					return key("get", key, "--text").out();
				}));
			}
			for (int i = 0; i < ODD_KEYS.size(); i++) {
				assertThat(gets.get(i).get(5, TimeUnit.MINUTES)).isEqualTo("value of " + ODD_KEYS.get(i) + "\n");
			}
			for (String key : ODD_KEYS) {
				assertThat(store().get(key)).as(key).isEqualTo("value of " + key);
			}

			NodeProcess.Result listed = key("list");
			assertThat(Conformance.JSON.readTree(listed.out()).findValuesAsString("name"))
				.containsExactlyInAnyOrderElementsOf(ODD_KEYS);
			// wrangler form-encodes the prefix: "my key" arrives as prefix=my+key.
			NodeProcess.Result spaced = key("list", "--prefix", "my key");
			assertThat(Conformance.JSON.readTree(spaced.out()).findValuesAsString("name"))
				.containsExactly("my key with spaces");

			List<Future<?>> deletes = new ArrayList<>();
			for (String key : ODD_KEYS) {
				deletes.add(pool.submit(() -> key("delete", key)));
			}
			for (Future<?> delete : deletes) {
				delete.get(5, TimeUnit.MINUTES);
			}
			assertThat(Conformance.keys(store())).isEmpty();
		}
		finally {
			pool.shutdownNow();
			pool.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	@Test
	void listsWithAPrefixFollowingTheCursorAcrossPages() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2_500; i++) {
			String key = String.format("page/%04d", i);
			expected.add(key);
			store().put(key, "v");
		}
		store().put("pagf", "outside the prefix");
		store().put("other", "outside the prefix");
		IntSupplier listRequests = Conformance.countRequests(kv.emulator(), "GET", "/keys$");

		NodeProcess.Result prefixed = key("list", "--prefix", "page/");
		int prefixedRequests = listRequests.getAsInt();
		NodeProcess.Result all = key("list");

		JsonNode names = Conformance.JSON.readTree(prefixed.out());
		assertThat(names.findValuesAsString("name")).containsExactlyElementsOf(expected);
		assertThat(prefixedRequests).isEqualTo(3);
		assertThat(Conformance.JSON.readTree(all.out())).hasSize(2_502);
		assertThat(new String(prefixed.stdout(), StandardCharsets.UTF_8)).doesNotContain(Conformance.TOKEN);
	}

}
