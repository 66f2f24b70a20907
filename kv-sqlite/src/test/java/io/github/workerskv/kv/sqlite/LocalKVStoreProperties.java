package io.github.workerskv.kv.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Properties of keys, ordering and pagination over random keys (multi-byte and supplementary
 * characters included), on both engines. Each try uses a fresh namespace of a shared store.
 */
class LocalKVStoreProperties {

	private static final long START = 1_800_000_000L;

	private static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays
		.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

	private static MutableClock clock;

	private static LocalKVStore memory;

	private static LocalKVStore file;

	private static Path directory;

	@BeforeContainer
	static void openStores() throws Exception {
		clock = MutableClock.at(START);
		directory = Files.createTempDirectory("kv-properties");
		memory = LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(clock));
		file = LocalKVStore.create(LocalKVStoreOptions.defaults().withClock(clock)
			.withPersistPath(directory.resolve("properties.db")));
	}

	@AfterContainer
	static void closeStores() throws Exception {
		memory.close();
		file.close();
		try (var paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	@Property(tries = 300)
	void listingAllPagesReturnsEveryLiveKeyOnceInUtf8ByteOrder(@ForAll("keySets") List<String> keys,
			@ForAll @IntRange(min = 1, max = 40) int limit, @ForAll("engines") String engine) {
		KVNamespace kv = freshNamespace(engine);
		Map<String, Boolean> live = new LinkedHashMap<>();
		for (int i = 0; i < keys.size(); i++) {
			boolean expires = i % 3 == 0;
			kv.put(keys.get(i), "v" + i, expires ? PutOptions.none().withExpirationTtl(60) : PutOptions.none());
			live.put(keys.get(i), !expires);
		}
		clock.advance(Duration.ofSeconds(60));
		try {
			List<String> expected = live.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
				.sorted(UTF8_ORDER).toList();
			assertThat(listAll(kv, ListOptions.defaults().withLimit(limit), keys.size()))
				.containsExactlyElementsOf(expected);
		}
		finally {
			clock.advance(Duration.ofSeconds(-60));
		}
	}

	@Property(tries = 300)
	void aPrefixListsExactlyTheKeysWhoseBytesStartWithIt(@ForAll("keySets") List<String> keys,
			@ForAll @IntRange(min = 1, max = 4) int prefixLength, @ForAll @IntRange(min = 1, max = 25) int limit,
			@ForAll("engines") String engine) {
		KVNamespace kv = freshNamespace(engine);
		keys.forEach((key) -> kv.put(key, key));
		String source = keys.get(0);
		String prefix = source.substring(0, source.offsetByCodePoints(0, Math.min(prefixLength,
				source.codePointCount(0, source.length()))));
		byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
		List<String> expected = keys.stream().filter((key) -> startsWith(key.getBytes(StandardCharsets.UTF_8),
				prefixBytes)).distinct().sorted(UTF8_ORDER).toList();
		assertThat(listAll(kv, ListOptions.defaults().withPrefix(prefix).withLimit(limit), keys.size()))
			.containsExactlyElementsOf(expected);
	}

	@Property(tries = 200)
	void valuesAndMetadataRoundTrip(@ForAll("keys") String key, @ForAll byte[] value,
			@ForAll("metadata") Map<String, String> metadata, @ForAll("engines") String engine) {
		KVNamespace kv = freshNamespace(engine);
		kv.put(key, value, PutOptions.none().withMetadata(metadata));
		ValueWithMetadata<byte[]> read = kv.getWithMetadata(key, io.github.workerskv.kv.ValueType.bytes(),
				io.github.workerskv.kv.GetOptions.defaults());
		assertThat(read.value()).isEqualTo(value);
		Map<String, String> readMetadata = new LinkedHashMap<>();
		read.metadata().properties().forEach((entry) -> readMetadata.put(entry.getKey(), entry.getValue().asString()));
		assertThat(readMetadata).isEqualTo(metadata);
		assertThat(kv.list().keys()).extracting(KVKey::name).containsExactly(key);
	}

	@Property(tries = 500)
	void aKeyIsAcceptedExactlyWhenItsUtf8FormFitsIn512Bytes(@ForAll("longKeys") String key) {
		KVNamespace kv = memory.namespace("edge");
		int bytes = key.getBytes(StandardCharsets.UTF_8).length;
		if (bytes <= KVLimits.MAX_KEY_BYTES) {
			kv.put(key, "v");
			assertThat(kv.get(key)).isEqualTo("v");
			kv.delete(key);
		}
		else {
			assertThatThrownBy(() -> kv.put(key, "v")).isInstanceOf(InvalidKeyException.class)
				.hasMessage("UTF-8 encoded length of " + bytes + " exceeds key length limit of 512.");
		}
	}

	@Provide
	Arbitrary<String> engines() {
		return Arbitraries.of("memory", "file");
	}

	@Provide
	Arbitrary<List<String>> keySets() {
		return keys().list().ofMinSize(1).ofMaxSize(60);
	}

	@Provide
	Arbitrary<String> keys() {
		return codePoints().list().ofMinSize(1).ofMaxSize(12).map(LocalKVStoreProperties::fromCodePoints)
			.filter((key) -> !key.equals(".") && !key.equals(".."));
	}

	@Provide
	Arbitrary<String> longKeys() {
		return codePoints().list().ofMinSize(100).ofMaxSize(200).map(LocalKVStoreProperties::fromCodePoints);
	}

	@Provide
	Arbitrary<Map<String, String>> metadata() {
		Arbitrary<String> text = codePoints().list().ofMaxSize(8).map(LocalKVStoreProperties::fromCodePoints);
		return Arbitraries.maps(text, text).ofMaxSize(5);
	}

	/** Code points from every UTF-8 length class, weighted towards a small alphabet so prefixes collide. */
	private static Arbitrary<Integer> codePoints() {
		return Arbitraries.frequencyOf(
				Tuple.of(8, Arbitraries.of((int) 'a', (int) 'b', (int) '/', (int) '-')),
				Tuple.of(2, Arbitraries.integers().between(0, 0x7f)),
				Tuple.of(2, Arbitraries.integers().between(0x80, 0x7ff)),
				Tuple.of(2, Arbitraries.integers().between(0x800, 0xd7ff)),
				Tuple.of(2, Arbitraries.integers().between(0xe000, 0xffff)),
				Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
	}

	private static String fromCodePoints(List<Integer> codePoints) {
		StringBuilder builder = new StringBuilder();
		codePoints.forEach(builder::appendCodePoint);
		return builder.toString();
	}

	private static KVNamespace freshNamespace(String engine) {
		return ("file".equals(engine) ? file : memory).namespace(UUID.randomUUID().toString());
	}

	private static List<String> listAll(KVNamespace kv, ListOptions first, int keyCount) {
		List<String> names = new ArrayList<>();
		ListOptions options = first;
		int maxPages = keyCount / first.limit() + 2;
		for (int page = 0; page < maxPages; page++) {
			ListResult result = kv.list(options);
			result.keys().forEach((key) -> names.add(key.name()));
			if (result.listComplete()) {
				return names;
			}
			options = options.withCursor(result.cursor());
		}
		throw new AssertionError("Listing did not complete within " + maxPages + " pages");
	}

	private static boolean startsWith(byte[] key, byte[] prefix) {
		return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
	}


}
