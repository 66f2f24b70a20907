package io.github.workerskv.kv.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ends meet: what the real wrangler CLI writes through the emulator, the Java REST client reads
 * byte for byte, and what the Java client writes, wrangler reads byte for byte.
 */
class WranglerJavaCrossTest {

	private static final List<String> KEYS = List.of("my key with spaces", "a/b/c", "what?x=1&y=2", "hash#frag",
			"100%percent", "%2F-literal", "plus+sign", "ünïcødé-ключ-😀", "tab\there", "back\\slash");

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(Conformance.options());

	@TempDir
	Path home;

	private Wrangler wrangler;

	private CloudflareKVClient client;

	private CloudflareKVNamespace namespace;

	private String ns;

	@BeforeEach
	void open() {
		this.wrangler = new Wrangler(kv.emulator(), Conformance.TOKEN, Conformance.ACCOUNT, this.home);
		this.ns = Conformance.createNamespaces(kv.emulator(), "cross-" + System.nanoTime() + "-", 1).get(0);
		this.client = CloudflareKVClient.create(CloudflareKVConfig.of(Conformance.ACCOUNT,
				Credentials.apiToken(Conformance.TOKEN)).withBaseUrl(kv.emulator().baseUrl()));
		this.namespace = this.client.namespace(this.ns);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void javaReadsWhatWranglerWroteByteForByte() throws Exception {
		byte[] binary = randomBytes(4096, 1);
		Path file = Files.write(this.home.resolve("value.bin"), binary);
		for (String key : KEYS) {
			wranglerKey("put", key, "value of " + key);
		}
		wranglerKey("put", "binary", "--path", file.toString(), "--metadata", "{\"kind\":\"bin\",\"n\":7}");

		for (String key : KEYS) {
			assertThat(this.namespace.getBytes(key)).as(key)
				.isEqualTo(("value of " + key).getBytes(StandardCharsets.UTF_8));
		}
		ValueWithMetadata<byte[]> read = this.namespace.getWithMetadata("binary",
				io.github.workerskv.kv.ValueType.bytes(), io.github.workerskv.kv.GetOptions.defaults());
		assertThat(read.value()).isEqualTo(binary);
		assertThat(read.metadata().get("kind").asString()).isEqualTo("bin");
		assertThat(read.metadata().get("n").asInt()).isEqualTo(7);
		List<String> listed = new ArrayList<>();
		for (KVKey key : this.namespace.list(ListOptions.defaults()).keys()) {
			listed.add(key.name());
		}
		List<String> expected = new ArrayList<>(KEYS);
		expected.add("binary");
		assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void wranglerReadsWhatJavaWroteByteForByte() {
		byte[] binary = randomBytes(4096, 2);
		for (String key : KEYS) {
			this.namespace.put(key, "java " + key);
		}
		this.namespace.put("binary", binary, PutOptions.none().withMetadata(Map.of("from", "java")));

		for (String key : KEYS) {
			assertThat(wranglerKey("get", key).stdout()).as(key)
				.isEqualTo(("java " + key).getBytes(StandardCharsets.UTF_8));
		}
		assertThat(wranglerKey("get", "binary").stdout()).isEqualTo(binary);
		JsonNode listed = Conformance.json(wranglerKey("list", "--prefix", "bin").out());
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("name").asString()).isEqualTo("binary");
		assertThat(listed.get(0).get("metadata").get("from").asString()).isEqualTo("java");
	}

	private NodeProcess.Result wranglerKey(String... args) {
		return this.wrangler.ok(Wrangler.kv("key", this.ns, args));
	}

	private static byte[] randomBytes(int length, long seed) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
