package io.github.workerskv.kv.contract;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.workerskv.kv.BulkOptions;
import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.InvalidExpirationException;
import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.InvalidMetadataException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVOperation;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.KVOutcome;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.MetadataTooLargeException;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueDecodingException;
import io.github.workerskv.kv.ValueTooLargeException;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The behaviour every {@link KVNamespace} must have, as Miniflare records KV's, run against every backend:
 * the embedded store in memory (kv-core) and in a file (kv-sqlite), and the REST client over HTTP to the
 * emulator (kv-cloudflare). A backend's test class says how to open it on the test's clock.
 */
public abstract class KVNamespaceContractTests {

	/** Where the test clock starts, in epoch seconds. */
	protected static final long START = 1_800_000_000L;

	/** The clock every backend is opened on; tests move it by hand. */
	protected final MutableClock clock = MutableClock.at(START);

	/** Every call the backend reported. */
	protected final RecordingListener events = new RecordingListener();

	/** The namespace under test. */
	protected KVNamespace kv;

	private Backend backend;

	/** A store or client that holds namespaces. */
	protected interface Backend extends AutoCloseable {

		/**
		 * @param name a name; the same name gives the same namespace, another name another namespace
		 * @return the namespace
		 */
		KVNamespace namespace(String name);

		@Override
		void close();

	}

	/**
	 * Opens the backend.
	 * @param clock the clock that decides expiration
	 * @param listener the listener every namespace must report its calls to
	 * @return the backend, closed after each test
	 */
	protected abstract Backend open(Clock clock, KVListener listener);

	@BeforeEach
	protected void openBackend() {
		this.backend = open(this.clock, this.events);
		this.kv = this.backend.namespace("ns");
		this.events.clear();
	}

	@AfterEach
	protected void closeBackend() {
		this.backend.close();
	}

	/**
	 * @param name a namespace name
	 * @return another namespace of the same backend
	 */
	protected KVNamespace namespace(String name) {
		return this.backend.namespace(name);
	}

	protected record Flag(String name, boolean on) {
	}

	static final class Unserialisable {

		public String getBroken() {
			throw new IllegalStateException("cannot be read");
		}

	}

	@Test
	void roundTripsTextBytesJsonAndStreams() throws Exception {
		this.kv.put("text", "välue ✓");
		this.kv.put("bytes", new byte[] { 0, (byte) 0xff, 1 });
		this.kv.put("json", "{\"name\":\"dark\",\"on\":true}");
		this.kv.put("stream", new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), PutOptions.none());

		assertThat(this.kv.get("text")).isEqualTo("välue ✓");
		assertThat(this.kv.getBytes("bytes")).containsExactly(0, 0xff, 1);
		assertThat(this.kv.getJson("json", Flag.class)).isEqualTo(new Flag("dark", true));
		assertThat(this.kv.getJson("json", new TypeReference<Map<String, Object>>() { }))
			.containsEntry("on", true);
		try (InputStream in = this.kv.getStream("stream")) {
			assertThat(in).hasContent("streamed");
		}
	}

	@Test
	void emptyValueIsStoredAndReadBackAsEmpty() {
		this.kv.put("empty", "");
		assertThat(this.kv.get("empty")).isEmpty();
		assertThat(this.kv.getBytes("empty")).isEmpty();
	}

	@Test
	void invalidUtf8ReadsAsReplacementCharacters() {
		this.kv.put("bin", new byte[] { 'a', (byte) 0xff, 'b' });
		assertThat(this.kv.get("bin")).isEqualTo("a\uFFFDb");
	}

	@Test
	void missingKeyReadsAsNullForEveryType() {
		assertThat(this.kv.get("nope")).isNull();
		assertThat(this.kv.getBytes("nope")).isNull();
		assertThat(this.kv.getStream("nope")).isNull();
		assertThat(this.kv.getJson("nope", Flag.class)).isNull();
		assertThat(this.kv.getWithMetadata("nope")).isNull();
	}

	@Test
	void jsonReadOfANonJsonValueFailsWithTheKeyInTheMessage() {
		this.kv.put("plain", "not json");
		assertThatThrownBy(() -> this.kv.getJson("plain", Flag.class)).isInstanceOf(ValueDecodingException.class)
			.hasMessageContaining("'plain'");
	}

	@Test
	void deleteOfAMissingKeySucceedsAndDeleteRemovesFromGetAndList() {
		assertThatCode(() -> this.kv.delete("never")).doesNotThrowAnyException();
		this.kv.put("k", "v");
		this.kv.delete("k");
		this.kv.delete("k");
		assertThat(this.kv.get("k")).isNull();
		assertThat(this.kv.list().keys()).isEmpty();
	}

	@Test
	void metadataOfAnyJsonShapeRoundTrips() {
		this.kv.put("obj", "v", PutOptions.none().withMetadata(Map.of("a", 1, "b", "x")));
		this.kv.put("str", "v", PutOptions.none().withMetadata("hello"));
		this.kv.put("num", "v", PutOptions.none().withMetadata(42));
		this.kv.put("rec", "v", PutOptions.none().withMetadata(new Flag("f", false)));

		assertThat(this.kv.getWithMetadata("obj").metadata().get("b").asString()).isEqualTo("x");
		assertThat(this.kv.getWithMetadata("str").metadata().asString()).isEqualTo("hello");
		assertThat(this.kv.getWithMetadata("num").metadata().asInt()).isEqualTo(42);
		assertThat(this.kv.getWithMetadata("rec").metadata().get("name").asString()).isEqualTo("f");
		assertThat(this.kv.getWithMetadata("obj").value()).isEqualTo("v");
	}

	@Test
	void overwriteWithoutOptionsClearsMetadataAndExpiration() {
		this.kv.put("k", "v1", PutOptions.none().withMetadata(Map.of("a", 1)).withExpirationTtl(3600));
		this.kv.put("k", "v2");

		ValueWithMetadata<String> read = this.kv.getWithMetadata("k");
		assertThat(read.value()).isEqualTo("v2");
		assertThat(read.metadata()).isNull();
		assertThat(read.expiration()).isNull();
		assertThat(this.kv.list().keys()).containsExactly(new KVKey("k", null, null));
	}

	@Test
	void nullMetadataMeansNoMetadata() {
		this.kv.put("k", "v", PutOptions.none().withMetadata(null));
		assertThat(this.kv.getWithMetadata("k").metadata()).isNull();
	}

	@Test
	void metadataOver1024BytesIsRejectedAndNothingIsWritten() {
		String big = "x".repeat(1017);
		assertThatThrownBy(() -> this.kv.put("k", "v", PutOptions.none().withMetadata(Map.of("m", big))))
			.isInstanceOf(MetadataTooLargeException.class)
			.hasMessage("Metadata length of 1025 exceeds limit of 1024.");
		assertThat(this.kv.get("k")).isNull();
		assertThatCode(() -> this.kv.put("k", "v", PutOptions.none().withMetadata(Map.of("m", big.substring(1)))))
			.doesNotThrowAnyException();
	}

	@Test
	void metadataThatJacksonCannotSerialiseIsRejected() {
		assertThatThrownBy(() -> this.kv.put("k", "v", PutOptions.none().withMetadata(new Unserialisable())))
			.isInstanceOf(InvalidMetadataException.class)
			.hasMessageContaining(Unserialisable.class.getName());
		assertThat(this.kv.get("k")).isNull();
	}

	@Test
	void valueOver25MiBIsRejectedAsBytesAndAsStream() {
		byte[] max = new byte[26_214_400];
		this.kv.put("max", max);
		assertThat(this.kv.getBytes("max")).hasSize(26_214_400);

		assertThatThrownBy(() -> this.kv.put("big", new byte[26_214_401])).isInstanceOf(ValueTooLargeException.class)
			.hasMessage("Value length of 26214401 exceeds limit of 26214400.");
		assertThatThrownBy(() -> this.kv.put("max", new ByteArrayInputStream(new byte[26_214_401]), PutOptions.none()))
			.isInstanceOf(ValueTooLargeException.class)
			.hasMessageContaining("exceeds limit of 26214400");
		assertThat(this.kv.get("big")).isNull();
		assertThat(this.kv.getBytes("max")).hasSize(26_214_400);
	}

	@Test
	void invalidKeysAreRejectedByEveryOperation() {
		String longKey = "a".repeat(513);
		assertThatThrownBy(() -> this.kv.get(longKey)).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> this.kv.put(longKey, "v")).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> this.kv.delete(longKey)).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> this.kv.getWithMetadata("")).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> this.kv.put(".", "v")).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> this.kv.get(List.of("ok", ".."))).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> this.kv.get("")).isInstanceOf(InvalidKeyException.class)
			.hasMessage("Key name cannot be empty.");
		assertThatThrownBy(() -> this.kv.getWithMetadata(List.of("ok", ""))).isInstanceOf(InvalidKeyException.class)
			.hasMessage("Key names must not be empty");
		assertThat(this.kv.list().keys()).isEmpty();
	}

	@Test
	void expirationTtlExpiresTheKeyWhenTheClockReachesIt() {
		this.kv.put("ttl", "v", PutOptions.none().withExpirationTtl(60));
		this.kv.put("forever", "v");

		assertThat(this.kv.list().keys()).contains(new KVKey("ttl", START + 60, null));
		assertThat(this.kv.getWithMetadata("ttl").expiration()).isEqualTo(START + 60);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.kv.get("ttl")).isEqualTo("v");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.kv.get("ttl")).isNull();
		assertThat(this.kv.getWithMetadata("ttl")).isNull();
		assertThat(this.kv.get(List.of("ttl", "forever"))).containsEntry("ttl", null).containsEntry("forever", "v");
		assertThat(this.kv.list().keys()).extracting(KVKey::name).containsExactly("forever");
		assertThatCode(() -> this.kv.delete("ttl")).doesNotThrowAnyException();
	}

	@Test
	void absoluteExpirationMustBe60SecondsAheadOfTheStoreClock() {
		assertThatThrownBy(() -> this.kv.put("k", "v", PutOptions.none().withExpiration(START + 59)))
			.isInstanceOf(InvalidExpirationException.class)
			.hasMessageContaining("at least 60 seconds in the future");
		assertThatThrownBy(() -> this.kv.put("k", "v", PutOptions.none().withExpiration(START)))
			.hasMessageContaining("greater than the current number of seconds");
		this.kv.put("k", "v", PutOptions.none().withExpiration(START + 60));
		assertThat(this.kv.list().keys()).containsExactly(new KVKey("k", START + 60, null));
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.kv.get("k")).isNull();
	}

	@Test
	void whenBothExpirationsAreGivenTheTtlWins() {
		this.kv.put("k", "v", PutOptions.none().withExpiration(START + 59).withExpirationTtl(120));
		assertThat(this.kv.list().keys()).containsExactly(new KVKey("k", START + 120, null));
		assertThatThrownBy(() -> PutOptions.none().withExpiration(START + 3600).withExpirationTtl(59))
			.isInstanceOf(InvalidExpirationException.class)
			.hasMessage("Invalid expiration_ttl of 59. Expiration TTL must be at least 60.");
	}

	@Test
	void cacheTtlIsValidatedAndOtherwiseDoesNotChangeReads() {
		this.kv.put("k", "v1");
		GetOptions cached = GetOptions.defaults().withCacheTtl(Duration.ofSeconds(30));
		assertThat(this.kv.get("k", cached)).isEqualTo("v1");
		this.kv.put("k", "v2");
		assertThat(this.kv.get("k", cached)).isEqualTo("v2");
	}

	@Test
	void bulkGetKeepsRequestOrderCollapsesDuplicatesAndMapsMissingToNull() {
		this.kv.put("b", "2");
		this.kv.put("a", "1");
		Map<String, String> values = this.kv.get(List.of("b", "missing", "a", "b"));
		assertThat(values.keySet()).containsExactly("b", "missing", "a");
		assertThat(values).containsEntry("b", "2").containsEntry("a", "1").containsEntry("missing", null);
	}

	@Test
	void bulkGetReadsJsonAndRejectsANonJsonValue() {
		this.kv.put("f1", "{\"name\":\"a\",\"on\":true}");
		this.kv.put("f2", "{\"name\":\"b\",\"on\":false}");
		assertThat(this.kv.get(List.of("f1", "f2", "f3"), ValueType.json(Flag.class)))
			.containsEntry("f1", new Flag("a", true))
			.containsEntry("f2", new Flag("b", false))
			.containsEntry("f3", null);
		this.kv.put("plain", "text");
		assertThatThrownBy(() -> this.kv.get(List.of("f1", "plain"), ValueType.json(Flag.class)))
			.isInstanceOf(InvalidBulkGetException.class)
			.hasMessageStartingWith("At least one of the requested keys corresponds to a non-json value");
	}

	@Test
	void bulkGetTakes100KeysButNot101() {
		List<String> hundred = IntStream.range(0, 100).mapToObj((i) -> "k" + i).toList();
		assertThat(this.kv.get(hundred)).hasSize(100).containsValue(null);
		List<String> more = new ArrayList<>(hundred);
		more.add("k100");
		assertThatThrownBy(() -> this.kv.get(more)).isInstanceOf(InvalidBulkGetException.class)
			.hasMessageStartingWith("You can request a maximum of 100 keys");
		assertThatThrownBy(() -> this.kv.get(List.of("a"), ValueType.bytes()))
			.isInstanceOf(InvalidBulkGetException.class);
	}

	@Test
	void bulkGetOfValuesOver25MiBInTotalIsRejected() {
		this.kv.put("big", new byte[26_214_400]);
		this.kv.put("one", "x");
		assertThat(this.kv.get(List.of("big"))).hasSize(1);
		assertThatThrownBy(() -> this.kv.get(List.of("big", "one"))).isInstanceOf(InvalidBulkGetException.class)
			.hasMessageStartingWith("Total size of request exceeds the limit of 25MB");
	}

	@Test
	void bulkGetWithMetadataReturnsNullForMissingKeys() {
		this.kv.put("a", "1", PutOptions.none().withMetadata(Map.of("v", 1)).withExpirationTtl(600));
		this.kv.put("b", "2");
		Map<String, ValueWithMetadata<String>> values = this.kv.getWithMetadata(List.of("a", "b", "c"));
		assertThat(values.get("a").value()).isEqualTo("1");
		assertThat(values.get("a").metadata().get("v").asInt()).isEqualTo(1);
		assertThat(values.get("a").expiration()).isEqualTo(START + 600);
		assertThat(values.get("b").metadata()).isNull();
		assertThat(values).containsEntry("c", null);
	}

	@Test
	void listReturnsKeysInUtf8ByteOrderNotUtf16Order() {
		List<String> ordered = List.of(" ", "0", "A", "B", "Z", "a", "a\u0000", "a\u0001", "a b", "a-b", "a/b", "aa",
				"ab", "b", "e\u0301", "z", "~", "\u007f", "\u00e9", "\u00e9a", "\u00ff", "\ue000", "\uffff", "😀");
		List<String> shuffled = new ArrayList<>(ordered);
		java.util.Collections.shuffle(shuffled, new java.util.Random(7));
		shuffled.forEach((key) -> this.kv.put(key, key));
		assertThat(this.kv.list().keys()).extracting(KVKey::name).containsExactlyElementsOf(ordered);
	}

	@Test
	void listPrefixIsALiteralCaseSensitiveBytePrefix() {
		for (String key : List.of("a%b", "a_b", "aXb", "A%b", "é", "e\u0301", "x\u0000y", "x")) {
			this.kv.put(key, "v");
		}
		assertThat(names(ListOptions.defaults().withPrefix("a%"))).containsExactly("a%b");
		assertThat(names(ListOptions.defaults().withPrefix("a_"))).containsExactly("a_b");
		assertThat(names(ListOptions.defaults().withPrefix("A"))).containsExactly("A%b");
		assertThat(names(ListOptions.defaults().withPrefix("e"))).containsExactly("e\u0301");
		assertThat(names(ListOptions.defaults().withPrefix("x\u0000"))).containsExactly("x\u0000y");
		assertThat(names(ListOptions.defaults().withPrefix("nothing"))).isEmpty();
	}

	@Test
	void listPagesWithAStartAfterCursorAndAnExactCompleteFlag() {
		for (int i = 0; i < 25; i++) {
			this.kv.put("key-%02d".formatted(i), "v");
		}
		ListResult first = this.kv.list(ListOptions.defaults().withLimit(10));
		assertThat(first.keys()).extracting(KVKey::name).first().isEqualTo("key-00");
		assertThat(first.listComplete()).isFalse();
		assertThat(first.cursor()).isNotNull();
		ListResult second = this.kv.list(ListOptions.defaults().withLimit(10).withCursor(first.cursor()));
		assertThat(second.keys()).extracting(KVKey::name).first().isEqualTo("key-10");
		ListResult third = this.kv.list(ListOptions.defaults().withLimit(10).withCursor(second.cursor()));
		assertThat(third.keys()).extracting(KVKey::name).containsExactly("key-20", "key-21", "key-22", "key-23",
				"key-24");
		assertThat(third.listComplete()).isTrue();
		assertThat(third.cursor()).isNull();

		ListResult exact = this.kv.list(ListOptions.defaults().withLimit(25));
		assertThat(exact.keys()).hasSize(25);
		assertThat(exact.listComplete()).isTrue();
	}

	@Test
	void keyInsertedAheadOfTheCursorAppearsOnALaterPageAndOneBehindItDoesNot() {
		for (int i = 0; i < 20; i += 2) {
			this.kv.put("key-%02d".formatted(i), "v");
		}
		ListResult first = this.kv.list(ListOptions.defaults().withLimit(5));
		assertThat(first.keys()).extracting(KVKey::name).last().isEqualTo("key-08");
		this.kv.put("key-15", "ahead");
		this.kv.put("key-03", "behind");
		ListResult rest = this.kv.list(ListOptions.defaults().withCursor(first.cursor()));
		assertThat(rest.keys()).extracting(KVKey::name)
			.containsExactly("key-10", "key-12", "key-14", "key-15", "key-16", "key-18");
	}

	@Test
	void cursorStillWorksAfterItsKeyIsDeletedAndAcrossPrefixes() {
		for (int i = 0; i < 30; i++) {
			this.kv.put("key-%02d".formatted(i), "v");
		}
		ListResult first = this.kv.list(ListOptions.defaults().withLimit(10));
		this.kv.delete("key-09");
		assertThat(this.kv.list(ListOptions.defaults().withLimit(1).withCursor(first.cursor())).keys())
			.extracting(KVKey::name).containsExactly("key-10");
		ListResult prefixed = this.kv.list(ListOptions.defaults().withPrefix("key-2").withCursor(first.cursor()));
		assertThat(prefixed.keys()).extracting(KVKey::name).first().isEqualTo("key-20");
	}

	@Test
	void aCursorThatNoListReturnedIsRejected() {
		assertThatThrownBy(() -> this.kv.list(ListOptions.defaults().withCursor("!!!not-base64")))
			.isInstanceOf(InvalidListOptionsException.class)
			.hasMessageContaining("Invalid cursor");
	}

	@Test
	void namespacesAreIsolated() {
		KVNamespace other = namespace("other");
		this.kv.put("k", "mine");
		other.put("k", "theirs");
		assertThat(this.kv.get("k")).isEqualTo("mine");
		assertThat(other.get("k")).isEqualTo("theirs");
		assertThat(namespace("ns").get("k")).isEqualTo("mine");
		assertThat(other.id()).isNotEqualTo(this.kv.id());
		other.delete("k");
		assertThat(this.kv.get("k")).isEqualTo("mine");
	}

	@Test
	void asyncTwinsCompleteWithTheSameResultsAndFailWithValidationErrors() {
		CompletableFuture<Void> put = this.kv.putAsync("k", "v", PutOptions.none().withMetadata(Map.of("m", 1)));
		assertThat(put).succeedsWithin(Duration.ofSeconds(5));
		assertThat(this.kv.getAsync("k")).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("v");
		assertThat(this.kv.getAsync(List.of("k", "x"), ValueType.text(), GetOptions.defaults()).join())
			.containsEntry("k", "v").containsEntry("x", null);
		assertThat(this.kv.getWithMetadataAsync("k", ValueType.text(), GetOptions.defaults()).join().metadata())
			.isNotNull();
		assertThat(this.kv.getWithMetadataAsync(List.of("k"), ValueType.text(), GetOptions.defaults()).join())
			.containsKey("k");
		assertThat(this.kv.listAsync(ListOptions.defaults()).join().keys()).hasSize(1);
		assertThat(this.kv.deleteAsync("k")).succeedsWithin(Duration.ofSeconds(5));
		assertThat(this.kv.get("k")).isNull();
		assertThatThrownBy(() -> this.kv.getAsync("").join()).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(InvalidKeyException.class);
	}

	@Test
	void concurrentWritersLeaveTheLastWriteOfEachKey() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					for (int i = 0; i < 200; i++) {
						this.kv.put("key-" + (i % 10), "t" + thread + "-" + i);
						this.kv.get("key-" + ((i + 5) % 10));
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		for (int k = 0; k < 10; k++) {
			assertThat(this.kv.get("key-" + k)).matches("t[0-7]-(" + k + "|1" + k + "|[0-9]" + k + "|1[0-9]" + k + ")");
		}
		assertThat(this.kv.list().keys()).hasSize(10);
	}

	@Test
	void bulkPutWritesTextBinaryExpirationAndMetadataAndALaterWriteOfAKeyWins() {
		BulkResult result = this.kv.bulkPut(List.of(BulkWrite.of("a", "1"),
				BulkWrite.of("bin", new byte[] { 0, (byte) 0xff, 7 }),
				BulkWrite.of("ttl", "t").withExpirationTtl(120).withMetadata(Map.of("v", 2)),
				BulkWrite.of("abs", "x").withExpiration(START + 600), BulkWrite.of("a", "2")));

		assertThat(result.isComplete()).isTrue();
		assertThat(result.successfulKeyCount()).isEqualTo(5);
		assertThat(this.kv.get("a")).isEqualTo("2");
		assertThat(this.kv.getBytes("bin")).containsExactly(0, 0xff, 7);
		ValueWithMetadata<String> ttl = this.kv.getWithMetadata("ttl");
		assertThat(ttl.metadata().get("v").asInt()).isEqualTo(2);
		assertThat(this.kv.list().keys()).extracting(KVKey::name, KVKey::expiration)
			.containsExactly(tuple("a", null), tuple("abs", START + 600), tuple("bin", null), tuple("ttl", START + 120));
		this.clock.advance(Duration.ofSeconds(120));
		assertThat(this.kv.get("ttl")).isNull();
		assertThat(this.kv.get("abs")).isEqualTo("x");
	}

	@Test
	void bulkPutValidatesEveryWriteBeforeWritingAny() {
		List<BulkWrite> writes = List.of(BulkWrite.of("first", "1"), BulkWrite.of("late", "x").withExpiration(START + 10));
		assertThatThrownBy(() -> this.kv.bulkPut(writes)).isInstanceOf(InvalidExpirationException.class)
			.hasMessageContaining("at least 60 seconds in the future");
		List<BulkWrite> big = List.of(BulkWrite.of("first", "1"),
				BulkWrite.of("meta", "x").withMetadata(Map.of("m", "x".repeat(1100))));
		assertThatThrownBy(() -> this.kv.bulkPut(big)).isInstanceOf(MetadataTooLargeException.class);
		assertThatThrownBy(() -> BulkWrite.of("", "v")).isInstanceOf(InvalidKeyException.class);
		assertThatThrownBy(() -> BulkWrite.of("k", "v").withExpirationTtl(59)).isInstanceOf(InvalidExpirationException.class);
		assertThat(this.kv.get("first")).isNull();
		assertThat(this.kv.list().keys()).isEmpty();
	}

	@Test
	void bulkDeleteRemovesPresentKeysAndIgnoresMissingOnes() {
		this.kv.bulkPut(IntStream.range(0, 30).mapToObj((i) -> BulkWrite.of("key-%02d".formatted(i), "v")).toList());
		BulkResult result = this.kv.bulkDelete(List.of("key-00", "key-01", "never", "key-29"));
		assertThat(result.isComplete()).isTrue();
		assertThat(this.kv.get("key-00")).isNull();
		assertThat(this.kv.list().keys()).hasSize(27).extracting(KVKey::name).doesNotContain("key-01", "key-29");
		assertThatThrownBy(() -> this.kv.bulkDelete(List.of("key-02", "a".repeat(513))))
			.isInstanceOf(InvalidKeyException.class);
		assertThat(this.kv.get("key-02")).isEqualTo("v");
		assertThat(this.kv.bulkDelete(List.of()).successfulKeyCount()).isZero();
		assertThat(this.kv.bulkPut(List.of()).successfulKeyCount()).isZero();
	}

	@Test
	void bulkCallsReportProgressUpToTheirSize() {
		List<long[]> reports = new ArrayList<>();
		BulkOptions options = BulkOptions.defaults().withProgress((done, total) -> reports.add(new long[] { done, total }));
		this.kv.bulkPut(IntStream.range(0, 2_500).mapToObj((i) -> BulkWrite.of("k" + i, "v")).toList(), options);
		assertThat(reports).isNotEmpty().allSatisfy((report) -> assertThat(report[1]).isEqualTo(2_500));
		assertThat(reports.get(reports.size() - 1)[0]).isEqualTo(2_500);
		assertThat(reports).extracting((report) -> report[0]).isSorted();
		reports.clear();
		this.kv.bulkDelete(IntStream.range(0, 2_500).mapToObj((i) -> "k" + i).toList(), options);
		assertThat(reports.get(reports.size() - 1)).containsExactly(2_500, 2_500);
		assertThat(this.kv.list().keys()).isEmpty();
	}

	@Test
	void asyncBulkCallsCompleteWithTheirResults() {
		assertThat(this.kv.bulkPutAsync(List.of(BulkWrite.of("a", "1"), BulkWrite.of("b", "2")), BulkOptions.defaults()))
			.succeedsWithin(Duration.ofSeconds(10)).extracting(BulkResult::successfulKeyCount).isEqualTo(2L);
		assertThat(this.kv.bulkDeleteAsync(List.of("a"), BulkOptions.defaults())).succeedsWithin(Duration.ofSeconds(10));
		assertThat(this.kv.get(List.of("a", "b"))).containsEntry("a", null).containsEntry("b", "2");
	}

	@Test
	void everyCallIsReportedOnceWithItsOperationOutcomeAndKeys() {
		this.kv.put("k", "v");
		this.kv.get("k");
		this.kv.get("missing");
		this.kv.getWithMetadata("k");
		this.kv.get(List.of("k", "missing", "k"));
		this.kv.list();
		this.kv.bulkPut(List.of(BulkWrite.of("b1", "1"), BulkWrite.of("b2", "2")));
		this.kv.bulkDelete(List.of("b1", "b2", "b3"));
		this.kv.delete("k");
		assertThatThrownBy(() -> this.kv.get("")).isInstanceOf(InvalidKeyException.class);

		assertThat(this.events.events()).extracting(KVOperationEvent::operation, KVOperationEvent::outcome,
				KVOperationEvent::keys, KVOperationEvent::hits)
			.containsExactly(tuple(KVOperation.PUT, KVOutcome.SUCCESS, 1, 0), tuple(KVOperation.GET, KVOutcome.HIT, 1, 1),
					tuple(KVOperation.GET, KVOutcome.MISS, 1, 0),
					tuple(KVOperation.GET_WITH_METADATA, KVOutcome.HIT, 1, 1),
					tuple(KVOperation.GET_BULK, KVOutcome.SUCCESS, 2, 1), tuple(KVOperation.LIST, KVOutcome.SUCCESS, 1, 0),
					tuple(KVOperation.BULK_PUT, KVOutcome.SUCCESS, 2, 0),
					tuple(KVOperation.BULK_DELETE, KVOutcome.SUCCESS, 3, 0),
					tuple(KVOperation.DELETE, KVOutcome.SUCCESS, 1, 0), tuple(KVOperation.GET, KVOutcome.ERROR, 1, 0));
		assertThat(this.events.events()).allSatisfy((event) -> {
			assertThat(event.namespaceId()).isEqualTo(this.kv.id());
			assertThat(event.binding()).isEqualTo(this.kv.name());
			assertThat(event.duration().isNegative()).isFalse();
			assertThat(event.retries()).isZero();
		});
		assertThat(this.events.events().get(9).failure()).isInstanceOf(InvalidKeyException.class);
	}

	@Test
	void asyncCallsAreReportedWhenTheyComplete() {
		this.kv.putAsync("k", "v", PutOptions.none()).join();
		this.kv.getAsync("k").join();
		this.kv.deleteAsync("k").join();
		assertThat(this.events.events()).extracting(KVOperationEvent::operation, KVOperationEvent::outcome)
			.containsExactly(tuple(KVOperation.PUT, KVOutcome.SUCCESS), tuple(KVOperation.GET, KVOutcome.HIT),
					tuple(KVOperation.DELETE, KVOutcome.SUCCESS));
	}

	@Test
	void aNamespaceKnowsItsIdAndNameAndUnwrapsOnlyToWhatItIs() {
		assertThat(this.kv.id()).isNotBlank();
		assertThat(this.kv.name()).isNotBlank();
		assertThat(this.kv.unwrap(KVNamespace.class)).containsSame(this.kv);
		assertThat(this.kv.unwrap(String.class)).isEmpty();
		assertThatCode(this.kv::flush).doesNotThrowAnyException();
	}

	private List<String> names(ListOptions options) {
		return this.kv.list(options).keys().stream().map(KVKey::name).toList();
	}

}
