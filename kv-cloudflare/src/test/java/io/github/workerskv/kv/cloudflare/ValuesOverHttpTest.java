package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueDecodingException;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.emulator.RequestLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every single-key call, lists and bulk reads, through the client and the emulator over HTTP. */
class ValuesOverHttpTest {

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	private CloudflareKVNamespace kv;

	@BeforeEach
	void namespace() {
		this.kv = account.freshNamespace();
	}

	record Flag(String name, boolean on) {
	}

	@Test
	void putsAndGetsTextBytesAndJson() {
		this.kv.put("text", "héllo");
		this.kv.put("bytes", new byte[] { 0, (byte) 0xFF, 10, (byte) 0x80 });
		this.kv.put("json", "{\"name\":\"beta\",\"on\":true}");
		assertThat(this.kv.get("text")).isEqualTo("héllo");
		assertThat(this.kv.getBytes("bytes")).containsExactly(0, 0xFF, 10, 0x80);
		assertThat(this.kv.getJson("json", Flag.class)).isEqualTo(new Flag("beta", true));
		assertThat(account.emulator().store().namespace(this.kv.id()).getBytes("bytes")).containsExactly(0, 0xFF, 10, 0x80);
	}

	@Test
	void aMissingKeyReadsAsNullEverywhere() {
		assertThat(this.kv.get("missing")).isNull();
		assertThat(this.kv.getBytes("missing")).isNull();
		assertThat(this.kv.getStream("missing")).isNull();
		assertThat(this.kv.getWithMetadata("missing")).isNull();
		assertThat(this.kv.getWithMetadata("missing", ValueType.bytes(), GetOptions.defaults())).isNull();
		assertThat(this.kv.get(List.of("missing", "also-missing"))).containsEntry("missing", null)
			.containsEntry("also-missing", null);
	}

	@Test
	void anEmptyValueIsAValue() {
		this.kv.put("empty", new byte[0]);
		assertThat(this.kv.get("empty")).isEmpty();
		this.kv.put("empty-with-metadata", "", PutOptions.none().withMetadata(Map.of("only", "metadata")));
		assertThat(this.kv.getWithMetadata("empty-with-metadata").value()).isEmpty();
	}

	@Test
	void metadataTravelsAsMultipartAndComesBackFromEitherEndpoint() {
		this.kv.put("k", "v", PutOptions.none().withMetadata(Map.of("a", 1, "b", "x")));
		ValueWithMetadata<String> text = this.kv.getWithMetadata("k");
		assertThat(text.value()).isEqualTo("v");
		assertThat(text.metadata().get("a").asInt()).isEqualTo(1);
		ValueWithMetadata<byte[]> bytes = this.kv.getWithMetadata("k", ValueType.bytes(), GetOptions.defaults());
		assertThat(bytes.value()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
		assertThat(bytes.metadata().get("b").asString()).isEqualTo("x");
	}

	@Test
	void binaryValuesWithMetadataStayBinary() {
		byte[] value = new byte[256];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		this.kv.put("bin", value, PutOptions.none().withMetadata("a string is metadata too"));
		ValueWithMetadata<byte[]> read = this.kv.getWithMetadata("bin", ValueType.bytes(), GetOptions.defaults());
		assertThat(read.value()).isEqualTo(value);
		assertThat(read.metadata().asString()).isEqualTo("a string is metadata too");
	}

	@Test
	void aPutReplacesValueMetadataAndExpiration() {
		this.kv.put("k", "v1", PutOptions.none().withMetadata(Map.of("v", 1)).withExpirationTtl(600));
		this.kv.put("k", "v2");
		ValueWithMetadata<byte[]> read = this.kv.getWithMetadata("k", ValueType.bytes(), GetOptions.defaults());
		assertThat(read.value()).isEqualTo("v2".getBytes(StandardCharsets.UTF_8));
		assertThat(read.metadata()).isNull();
		assertThat(read.expiration()).isNull();
	}

	@Test
	void expirationComesBackFromTheValueHeaderAndTheBulkRead() {
		long before = Instant.now().getEpochSecond();
		this.kv.put("ttl", "v", PutOptions.none().withExpirationTtl(120).withMetadata(Map.of("m", true)));
		long expected = before + 120;
		assertThat(this.kv.getWithMetadata("ttl", ValueType.bytes(), GetOptions.defaults()).expiration())
			.isBetween(expected, expected + 5);
		assertThat(this.kv.getWithMetadata("ttl").expiration()).isBetween(expected, expected + 5);
		long absolute = before + 3600;
		this.kv.put("abs", "v", PutOptions.none().withExpiration(absolute));
		assertThat(this.kv.getWithMetadata("abs", ValueType.bytes(), GetOptions.defaults()).expiration())
			.isEqualTo(absolute);
		assertThat(this.kv.list(ListOptions.defaults().withPrefix("abs")).keys())
			.containsExactly(new KVKey("abs", absolute, null));
	}

	@Test
	void requestCountsAreAsDocumented() {
		this.kv.put("k", "{\"json\":true}", PutOptions.none().withMetadata(Map.of("a", 1)));
		RequestLog all = account.requests();
		this.kv.get("k");
		assertThat(all.count()).isEqualTo(1);
		this.kv.getWithMetadata("k");
		assertThat(all.count()).isEqualTo(2);
		this.kv.getWithMetadata("k", ValueType.json(JsonNode.class), GetOptions.defaults());
		assertThat(all.count()).isEqualTo(3);
		this.kv.getWithMetadata("k", ValueType.bytes(), GetOptions.defaults());
		assertThat(all.count()).isEqualTo(5);
		this.kv.getWithMetadata("missing", ValueType.bytes(), GetOptions.defaults());
		assertThat(all.count()).isEqualTo(6);
		this.kv.get(List.of("k", "missing"));
		this.kv.getWithMetadata(List.of("k", "missing"));
		assertThat(all.count()).isEqualTo(8);
		this.kv.put("k", "v");
		this.kv.delete("k");
		this.kv.list();
		assertThat(all.count()).isEqualTo(11);
	}

	@Test
	void deletingRemovesTheKeyAndAMissingKeyIsFine() {
		this.kv.put("k", "v");
		this.kv.delete("k");
		assertThat(this.kv.get("k")).isNull();
		this.kv.delete("never-there");
	}

	@Test
	void bulkReadsReturnEveryKeyInRequestOrder() {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			keys.add("k" + i);
			if (i % 3 != 0) {
				this.kv.put("k" + i, "{\"n\":" + i + "}", PutOptions.none().withMetadata(Map.of("i", i)));
			}
		}
		RequestLog bulk = account.requests();
		Map<String, JsonNode> values = this.kv.get(keys, ValueType.json(JsonNode.class));
		assertThat(values.keySet()).containsExactlyElementsOf(keys);
		assertThat(values.get("k0")).isNull();
		assertThat(values.get("k1").get("n").asInt()).isEqualTo(1);
		Map<String, ValueWithMetadata<String>> withMetadata = this.kv.getWithMetadata(keys);
		assertThat(withMetadata.get("k3")).isNull();
		assertThat(withMetadata.get("k5").value()).isEqualTo("{\"n\":5}");
		assertThat(withMetadata.get("k5").metadata().get("i").asInt()).isEqualTo(5);
		assertThat(bulk.count(RequestLine.matching("POST", "/bulk/get$"))).isEqualTo(2);
	}

	@Test
	void aJsonReadOfTextFailsAsTheBindingDoes() {
		this.kv.put("plain", "not json");
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(() -> this.kv.getJson("plain", Flag.class));
		assertThatExceptionOfType(ValueDecodingException.class).isThrownBy(
				() -> this.kv.getWithMetadata("plain", ValueType.json(Flag.class), GetOptions.defaults()));
		assertThatExceptionOfType(InvalidBulkGetException.class).isThrownBy(
				() -> this.kv.get(List.of("plain"), ValueType.json(Flag.class)));
	}

	@Test
	void listsInUtf8OrderWithPrefixAndCursor() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			String key = String.format("p/%02d", i);
			this.kv.put(key, "v");
			expected.add(key);
		}
		this.kv.put("other", "v");
		this.kv.put("p\uFFFF", "v");
		this.kv.put("p\uD83D\uDE00", "v");
		expected.add("p\uFFFF");
		expected.add("p\uD83D\uDE00");
		assertThat(listAll(ListOptions.defaults().withPrefix("p").withLimit(10))).containsExactlyElementsOf(expected);
		ListResult first = this.kv.list(ListOptions.defaults().withPrefix("p").withLimit(10));
		assertThat(first.keys()).hasSize(10);
		assertThat(first.listComplete()).isFalse();
		ListResult all = this.kv.list(ListOptions.defaults().withPrefix("p"));
		assertThat(all.listComplete()).isTrue();
		assertThat(all.cursor()).isNull();
	}

	@Test
	void limitsBelowTheRestMinimumSkipNoKey() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 23; i++) {
			String key = String.format("k%02d", i);
			this.kv.put(key, "v");
			expected.add(key);
		}
		for (int limit : new int[] { 1, 3, 9 }) {
			RequestLog lists = account.requests();
			assertThat(listAll(ListOptions.defaults().withLimit(limit))).containsExactlyElementsOf(expected);
			// server pages of 10, 10 and 3 keys, each handed out in pages of at most `limit`
			int expectedRequests = 2 * ((10 + limit - 1) / limit) + (3 + limit - 1) / limit;
			assertThat(lists.count(RequestLine.matching("GET", "/keys$"))).isEqualTo(expectedRequests);
			account.reset();
		}
	}

	@Test
	void listsCarryMetadataAndExpiration() {
		this.kv.put("m", "v", PutOptions.none().withMetadata(Map.of("tag", "x")));
		KVKey key = this.kv.list().keys().get(0);
		assertThat(key.name()).isEqualTo("m");
		assertThat(key.expiration()).isNull();
		assertThat(key.metadata().get("tag").asString()).isEqualTo("x");
	}

	@Test
	void streamsCanBeWrittenAndRead() throws Exception {
		this.kv.put("s", new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), PutOptions.none());
		try (InputStream in = this.kv.getStream("s")) {
			assertThat(in).hasContent("streamed");
		}
	}

	@Test
	void cacheTtlServesTheLocalCopyUntilItIsOlderThanTheTtl() {
		KVEmulatorClock clock = KVEmulatorClock.at(Instant.now());
		try (var client = account.client((config) -> config.withClock(clock))) {
			CloudflareKVNamespace cached = client.namespace(this.kv.id());
			GetOptions oneMinute = GetOptions.defaults().withCacheTtl(Duration.ofSeconds(60));
			cached.put("k", "v1");
			assertThat(cached.get("k", oneMinute)).isEqualTo("v1");
			account.emulator().store().namespace(this.kv.id()).put("k", "changed elsewhere");
			RequestLog requests = account.requests();
			assertThat(cached.get("k", oneMinute)).isEqualTo("v1");
			assertThat(cached.get(List.of("k"), ValueType.text(), oneMinute)).containsEntry("k", "v1");
			assertThat(requests.count()).isZero();
			assertThat(cached.get("k")).isEqualTo("changed elsewhere");
			clock.advance(Duration.ofSeconds(61));
			assertThat(cached.get("k", oneMinute)).isEqualTo("changed elsewhere");
			assertThat(requests.count()).isEqualTo(2);
		}
	}

	@Test
	void cacheTtlKeepsMissesAndTheClientsOwnWritesDropThem() {
		try (var client = account.client((config) -> config)) {
			CloudflareKVNamespace cached = client.namespace(this.kv.id());
			GetOptions oneMinute = GetOptions.defaults().withCacheTtl(Duration.ofSeconds(60));
			assertThat(cached.get("k", oneMinute)).isNull();
			account.emulator().store().namespace(this.kv.id()).put("k", "written elsewhere");
			assertThat(cached.get("k", oneMinute)).isNull();
			cached.put("k", "mine");
			assertThat(cached.get("k", oneMinute)).isEqualTo("mine");
			cached.delete("k");
			assertThat(cached.get("k", oneMinute)).isNull();
		}
	}

	@Test
	void streamReadsAreServedFromTheCacheButNeverStoredInIt() throws Exception {
		try (var client = account.client((config) -> config)) {
			CloudflareKVNamespace cached = client.namespace(this.kv.id());
			GetOptions oneMinute = GetOptions.defaults().withCacheTtl(Duration.ofSeconds(60));
			cached.put("k", "v1");
			try (InputStream in = cached.get("k", ValueType.stream(), oneMinute)) {
				assertThat(in).hasContent("v1");
			}
			account.emulator().store().namespace(this.kv.id()).put("k", "v2");
			try (InputStream in = cached.get("k", ValueType.stream(), oneMinute)) {
				assertThat(in).hasContent("v2");
			}
			assertThat(cached.get("k", oneMinute)).isEqualTo("v2");
			account.emulator().store().namespace(this.kv.id()).put("k", "v3");
			try (InputStream in = cached.get("k", ValueType.stream(), oneMinute)) {
				assertThat(in).hasContent("v2");
			}
		}
	}

	@Test
	void asyncTwinsRunOverHttp() {
		this.kv.putAsync("a", "1", PutOptions.none()).join();
		assertThat(this.kv.getAsync("a").join()).isEqualTo("1");
		assertThat(this.kv.getAsync(List.of("a", "b"), ValueType.text(), GetOptions.defaults()).join())
			.containsEntry("a", "1").containsEntry("b", null);
		assertThat(this.kv.getWithMetadataAsync("a", ValueType.text(), GetOptions.defaults()).join().value()).isEqualTo("1");
		assertThat(this.kv.listAsync(ListOptions.defaults()).join().keys()).extracting(KVKey::name).containsExactly("a");
		this.kv.deleteAsync("a").join();
		assertThat(this.kv.get("a")).isNull();
	}

	private List<String> listAll(ListOptions options) {
		List<String> names = new ArrayList<>();
		ListOptions next = options;
		for (int page = 0; page < 100; page++) {
			ListResult result = this.kv.list(next);
			result.keys().forEach((key) -> names.add(key.name()));
			if (result.listComplete()) {
				return names;
			}
			next = next.withCursor(result.cursor());
		}
		throw new AssertionError("the listing did not end within 100 pages");
	}

}
