package io.github.workerskv.kv.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVStorageException;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueTooLargeException;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.internal.ValueSource;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import io.github.workerskv.kv.local.spi.StorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the SQLite engine adds to the store's contract: persistence, byte order on disk, chunked
 * streams, atomic puts, concurrency, and the errors of opening a wrong file.
 */
class SqliteEngineTest {

	private static final long NOW = 1_800_000_000L;

	private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

	private static final String NS = "0f2ac74b498b48028cb68387c421e279";

	@TempDir
	Path dir;

	private LocalKVStore open(Path file) {
		return LocalKVStore.create(LocalKVStoreOptions.defaults().withPersistPath(file).withClock(CLOCK));
	}

	@Test
	void valuesMetadataAndExpirationSurviveCloseAndReopen() {
		Path file = this.dir.resolve("kv.sqlite");
		byte[] binary = new byte[256];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) i;
		}
		try (LocalKVStore store = open(file)) {
			KVNamespace ns = store.namespace(NS);
			ns.put("text", "hello", PutOptions.none().withMetadata(Map.of("owner", "ada")).withExpiration(NOW + 3600));
			ns.put("binary", binary);
			ns.put("empty", new byte[0]);
			ns.put("nul\u0000key", "with NUL");
			ns.put("emoji-😀", "with emoji", PutOptions.none().withExpirationTtl(120));
			store.namespace("other").put("text", "other namespace");
		}
		try (LocalKVStore store = open(file)) {
			KVNamespace ns = store.namespace(NS);
			ValueWithMetadata<String> text = ns.getWithMetadata("text");
			assertThat(text).isNotNull();
			assertThat(text.value()).isEqualTo("hello");
			assertThat(text.metadata().get("owner").asString()).isEqualTo("ada");
			assertThat(text.expiration()).isEqualTo(NOW + 3600);
			assertThat(ns.getBytes("binary")).isEqualTo(binary);
			assertThat(ns.getBytes("empty")).isEmpty();
			assertThat(ns.get("nul\u0000key")).isEqualTo("with NUL");
			assertThat(ns.get("nul")).isNull();
			assertThat(ns.get("emoji-😀")).isEqualTo("with emoji");
			assertThat(store.namespace("other").get("text")).isEqualTo("other namespace");
			assertThat(store.namespaceIds()).containsExactly(NS, "other");
			List<KVKey> keys = ns.list().keys();
			assertThat(keys).extracting(KVKey::name)
				.containsExactly("binary", "emoji-😀", "empty", "nul\u0000key", "text");
			assertThat(keys).extracting(KVKey::expiration).containsExactly(null, NOW + 120, null, null, NOW + 3600);
			assertThat(keys.get(4).metadata().get("owner").asString()).isEqualTo("ada");
		}
	}

	@Test
	void expiredEntriesAreHiddenAfterReopenAndDeletedWhenMet() {
		Path file = this.dir.resolve("kv.sqlite");
		try (LocalKVStore store = open(file)) {
			store.namespace(NS).put("short", "v", PutOptions.none().withExpirationTtl(60));
			store.namespace(NS).put("long", "v", PutOptions.none().withExpirationTtl(3600));
		}
		Clock later = Clock.offset(CLOCK, Duration.ofSeconds(60));
		try (LocalKVStore store = LocalKVStore
			.create(LocalKVStoreOptions.defaults().withPersistPath(file).withClock(later))) {
			KVNamespace ns = store.namespace(NS);
			assertThat(ns.get("short")).isNull();
			assertThat(ns.list().keys()).extracting(KVKey::name).containsExactly("long");
		}
		assertThat(queryLong(file, "SELECT count(*) FROM entries")).isEqualTo(1);
	}

	@Test
	void listsInUtf8ByteOrderWithSupplementaryCharactersAfterPrivateUseAndFfff() {
		List<String> ordered = List.of(" ", "0", "A", "B", "Z", "a", "a\u0000", "a\u0001", "a b", "a-b", "a/b", "aa",
				"ab", "b", "e\u0301", "z", "~", "\u007f", "\u00e9", "\u00e9a", "\u00ff", "\ue000", "\uffff",
				"\ud83d\ude00", "\ud83d\ude00\u0000");
		List<String> shuffled = new ArrayList<>(ordered);
		Collections.shuffle(shuffled, new Random(42));
		Path file = this.dir.resolve("kv.sqlite");
		try (LocalKVStore store = open(file)) {
			shuffled.forEach((key) -> store.namespace(NS).put(key, key));
		}
		try (LocalKVStore store = open(file)) {
			KVNamespace ns = store.namespace(NS);
			assertThat(ns.list().keys()).extracting(KVKey::name).containsExactlyElementsOf(ordered);
			List<String> paged = new ArrayList<>();
			ListResult page = ns.list(ListOptions.defaults().withLimit(4));
			paged.addAll(page.keys().stream().map(KVKey::name).toList());
			while (!page.listComplete()) {
				page = ns.list(ListOptions.defaults().withLimit(4).withCursor(page.cursor()));
				paged.addAll(page.keys().stream().map(KVKey::name).toList());
			}
			assertThat(paged).containsExactlyElementsOf(ordered);
		}
	}

	@Test
	void prefixIsAByteRangeThatWorksWithNulAndSupplementaryCharacters() {
		try (LocalKVStore store = open(this.dir.resolve("kv.sqlite"))) {
			KVNamespace ns = store.namespace(NS);
			for (String key : List.of("a", "a\u0000", "a\u0000b", "a\u0001", "b", "😀", "😀x", "😁", "\uffff")) {
				ns.put(key, key);
			}
			assertThat(names(ns.list(ListOptions.defaults().withPrefix("a\u0000")))).containsExactly("a\u0000",
					"a\u0000b");
			assertThat(names(ns.list(ListOptions.defaults().withPrefix("a")))).containsExactly("a", "a\u0000",
					"a\u0000b", "a\u0001");
			assertThat(names(ns.list(ListOptions.defaults().withPrefix("😀")))).containsExactly("😀", "😀x");
			assertThat(names(ns.list(ListOptions.defaults().withPrefix("%")))).isEmpty();
		}
	}

	@Test
	void engineHandlesPrefixesEndingInFfAndCursorsAsExclusiveBounds() {
		try (SqliteEngine engine = SqliteEngine.open(this.dir.resolve("kv.sqlite"))) {
			byte[][] keys = { { 0x61 }, { 0x61, (byte) 0xFF }, { 0x61, (byte) 0xFF, 0x01 }, { 0x62 } };
			for (byte[] key : keys) {
				engine.put(NS, key, ValueSource.of(new byte[] { 1 }), null, null);
			}
			assertThat(engine.list(NS, new byte[] { 0x61, (byte) 0xFF }, null, 10, NOW)).extracting(StorageEngine.Entry::key)
				.containsExactly(keys[1], keys[2]);
			assertThat(engine.list(NS, new byte[0], new byte[] { 0x61, (byte) 0xFF }, 10, NOW))
				.extracting(StorageEngine.Entry::key)
				.containsExactly(keys[2], keys[3]);
			assertThat(engine.list(NS, new byte[] { 0x61 }, new byte[0], 2, NOW)).extracting(StorageEngine.Entry::key)
				.containsExactly(keys[0], keys[1]);
			assertThat(engine.list(NS, new byte[] { 0x62 }, new byte[] { 0x61 }, 10, NOW)).extracting(StorageEngine.Entry::key)
				.containsExactly(keys[3]);
		}
	}

	@Test
	@Timeout(120)
	void streamsA25MibValueInAndOutChunkByChunk() throws IOException {
		Path file = this.dir.resolve("kv.sqlite");
		long writeNanos;
		long readNanos;
		try (LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withPersistPath(file))) {
			long start = System.nanoTime();
			store.namespace(NS).put("big", new PatternStream(KVLimits.MAX_VALUE_BYTES), PutOptions.none());
			writeNanos = System.nanoTime() - start;
		}
		try (LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withPersistPath(file))) {
			long start = System.nanoTime();
			try (InputStream in = store.namespace(NS).getStream("big")) {
				assertThat(in).isNotNull();
				assertThat(in.available()).isLessThanOrEqualTo(SqliteEngine.CHUNK_BYTES);
				assertMatchesPattern(in, KVLimits.MAX_VALUE_BYTES);
			}
			readNanos = System.nanoTime() - start;
		}
		assertThat(queryLong(file, "SELECT count(*) FROM chunks")).isEqualTo(25);
		System.out.printf("25 MiB stream: put %d ms, getStream and read %d ms%n",
				TimeUnit.NANOSECONDS.toMillis(writeNanos), TimeUnit.NANOSECONDS.toMillis(readNanos));
	}

	@Test
	@Timeout(120)
	void streamOverTheLimitFailsAndLeavesThePreviousValue() {
		Path file = this.dir.resolve("kv.sqlite");
		byte[] previous = new PatternStream(3 * SqliteEngine.CHUNK_BYTES + 5).readAllBytesUnchecked();
		try (LocalKVStore store = open(file)) {
			KVNamespace ns = store.namespace(NS);
			ns.put("big", previous);
			assertThatThrownBy(() -> ns.put("big", new PatternStream(KVLimits.MAX_VALUE_BYTES + 1), PutOptions.none()))
				.isInstanceOf(ValueTooLargeException.class)
				.hasMessageContaining("exceeds limit of 26214400");
			assertThat(ns.getBytes("big")).isEqualTo(previous);
			ns.put("after", "the store still takes writes");
			assertThat(ns.get("after")).isEqualTo("the store still takes writes");
		}
		assertThat(queryLong(file, "SELECT count(*) FROM chunks")).isEqualTo(4 + 1);
	}

	@Test
	void streamThatFailsWithIOExceptionIsNotStored() {
		Path file = this.dir.resolve("kv.sqlite");
		try (LocalKVStore store = open(file)) {
			KVNamespace ns = store.namespace(NS);
			ns.put("key", "old");
			InputStream broken = new PatternStream(10L * SqliteEngine.CHUNK_BYTES) {

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					if (position() > 2L * SqliteEngine.CHUNK_BYTES) {
						throw new IOException("connection reset");
					}
					return super.read(buffer, offset, length);
				}

			};
			assertThatThrownBy(() -> ns.put("key", broken, PutOptions.none()))
				.isInstanceOf(KVStorageException.class)
				.hasMessageContaining("connection reset")
				.hasMessageContaining(file.toString())
				.hasMessageContaining("Nothing was stored");
			assertThat(ns.get("key")).isEqualTo("old");
			assertThatThrownBy(() -> ns.put("fresh", new PatternStream(10) {

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					throw new IOException("refused");
				}

			}, PutOptions.none())).isInstanceOf(KVStorageException.class);
			assertThat(ns.get("fresh")).isNull();
		}
	}

	@Test
	void overwritingOrDeletingAValueWhileItIsStreamedFailsTheStream() throws IOException {
		try (LocalKVStore store = open(this.dir.resolve("kv.sqlite"))) {
			KVNamespace ns = store.namespace(NS);
			long size = 3L * SqliteEngine.CHUNK_BYTES;
			ns.put("key", new PatternStream(size), PutOptions.none());
			try (InputStream in = ns.getStream("key")) {
				assertThat(in.readNBytes(10)).isEqualTo(new PatternStream(10).readAllBytesUnchecked());
				ns.put("key", "new value");
				assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
					.hasMessageContaining("overwritten or deleted while it was being read");
			}
			ns.put("key", new PatternStream(size), PutOptions.none());
			try (InputStream in = ns.getStream("key")) {
				in.readNBytes(SqliteEngine.CHUNK_BYTES + 1);
				ns.delete("key");
				assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
					.hasMessageContaining("overwritten or deleted");
			}
			assertThat(ns.get("key")).isNull();
		}
	}

	@Test
	void aStreamOpenedBeforeAnOverwriteOfASingleChunkValueKeepsTheOldValueWhole() throws IOException {
		try (LocalKVStore store = open(this.dir.resolve("kv.sqlite"))) {
			KVNamespace ns = store.namespace(NS);
			ns.put("key", "old value");
			try (InputStream in = ns.getStream("key")) {
				ns.put("key", "new value");
				assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old value");
			}
		}
	}

	@Test
	void engineReturnsBytesOrAStreamAsAsked() throws IOException {
		try (SqliteEngine engine = SqliteEngine.open(this.dir.resolve("kv.sqlite"))) {
			byte[] key = "k".getBytes(StandardCharsets.UTF_8);
			byte[] value = new PatternStream(2L * SqliteEngine.CHUNK_BYTES + 7).readAllBytesUnchecked();
			engine.put(NS, key, ValueSource.of(value), NOW + 100, "{\"a\":1}");
			StoredValue bytes = engine.get(NS, key, NOW, false);
			assertThat(bytes).isNotNull();
			assertThat(bytes.bytes()).isEqualTo(value);
			assertThat(bytes.metadataJson()).isEqualTo("{\"a\":1}");
			assertThat(bytes.expiration()).isEqualTo(NOW + 100);
			StoredValue stream = engine.get(NS, key, NOW, true);
			assertThat(stream).isNotNull();
			assertThat(stream.stream()).isNotNull();
			try (InputStream in = stream.stream()) {
				assertThat(in.readAllBytes()).isEqualTo(value);
				assertThat(in.read()).isEqualTo(-1);
			}
			assertThat(engine.get(NS, key, NOW + 100, true)).isNull();
		}
	}

	@Test
	void aFileThatIsNotASqliteDatabaseIsRejectedWithItsPath() throws IOException {
		Path file = this.dir.resolve("notes.txt");
		Files.writeString(file, "These are my notes, not a database. ".repeat(200));
		assertThatThrownBy(() -> open(file)).isInstanceOf(KVStorageException.class)
			.hasMessageContaining(file.toString())
			.hasMessageContaining("not a SQLite database")
			.hasMessageContaining("persistPath");
		assertThat(Files.readString(file)).startsWith("These are my notes");
	}

	@Test
	void aDirectoryIsRejectedAndMissingParentsAreCreated() {
		assertThatThrownBy(() -> open(this.dir)).isInstanceOf(KVStorageException.class)
			.hasMessageContaining(this.dir.toString())
			.hasMessageContaining("is a directory");
		Path nested = this.dir.resolve("a/b/c/kv.sqlite");
		try (LocalKVStore store = open(nested)) {
			store.namespace(NS).put("k", "v");
		}
		assertThat(nested).isRegularFile();
	}

	@Test
	void aParentThatCannotBeCreatedIsReported() throws IOException {
		Path blocker = Files.writeString(this.dir.resolve("plain-file"), "x");
		Path file = blocker.resolve("kv.sqlite");
		assertThatThrownBy(() -> open(file)).isInstanceOf(KVStorageException.class)
			.hasMessageContaining(blocker.toString())
			.hasMessageContaining("persistPath");
	}

	@Test
	void aDatabaseOfAnotherApplicationOrANewerSchemaIsRejected() throws SQLException {
		Path foreign = this.dir.resolve("foreign.db");
		execute(foreign, "CREATE TABLE users (id INTEGER)");
		assertThatThrownBy(() -> open(foreign)).isInstanceOf(KVStorageException.class)
			.hasMessageContaining(foreign.toString())
			.hasMessageContaining("another application");
		Path newer = this.dir.resolve("newer.sqlite");
		open(newer).close();
		execute(newer, "PRAGMA user_version = " + (SqliteEngine.SCHEMA_VERSION + 1));
		assertThatThrownBy(() -> open(newer)).isInstanceOf(KVStorageException.class)
			.hasMessageContaining("newer than this library's");
	}

	@Test
	void theFileIsInWalModeWithTheSchemaVersion() throws SQLException {
		Path file = this.dir.resolve("kv.sqlite");
		open(file).close();
		assertThat(queryLong(file, "PRAGMA user_version")).isEqualTo(SqliteEngine.SCHEMA_VERSION);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("wal");
		}
	}

	@Test
	void aClosedStoreFailsEveryCall() {
		LocalKVStore store = open(this.dir.resolve("kv.sqlite"));
		KVNamespace ns = store.namespace(NS);
		ns.put("k", "v");
		store.close();
		store.close();
		assertThatThrownBy(() -> ns.get("k")).isInstanceOf(KVStorageException.class)
			.hasMessageContaining("store is closed");
		assertThatThrownBy(() -> ns.put("k", "w")).isInstanceOf(KVStorageException.class)
			.hasMessageContaining("store is closed");
		assertThatThrownBy(ns::list).isInstanceOf(KVStorageException.class).hasMessageContaining("store is closed");
		assertThatThrownBy(store::namespaceIds).isInstanceOf(KVStorageException.class);
	}

	@Test
	void dropNamespaceRemovesItsEntriesAndChunksOnly() {
		Path file = this.dir.resolve("kv.sqlite");
		try (LocalKVStore store = open(file)) {
			store.namespace("one").put("a", new PatternStream(SqliteEngine.CHUNK_BYTES + 1), PutOptions.none());
			store.namespace("two").put("a", "kept");
			store.deleteNamespace("one");
			assertThat(store.namespaceIds()).containsExactly("two");
			assertThat(store.namespace("one").get("a")).isNull();
			assertThat(store.namespace("two").get("a")).isEqualTo("kept");
		}
		assertThat(queryLong(file, "SELECT count(*) FROM chunks")).isEqualTo(1);
	}

	@Test
	@Timeout(120)
	void concurrentWritersLeaveEachKeyWithALastWriteOfOneOfThem() throws Exception {
		int threads = 8;
		int writes = 200;
		int keys = 20;
		Path file = this.dir.resolve("kv.sqlite");
		List<Map<String, String>> lastWritten = new ArrayList<>();
		try (LocalKVStore store = open(file)) {
			KVNamespace ns = store.namespace(NS);
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Map<String, String>>> results = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int thread = t;
					results.add(pool.submit(() -> {
						Map<String, String> mine = new HashMap<>();
						Random random = new Random(thread);
						start.await();
						for (int i = 0; i < writes; i++) {
							String key = "key-" + random.nextInt(keys);
							String value = "thread-" + thread + "-write-" + i;
							ns.put(key, value);
							mine.put(key, value);
							ns.get("key-" + random.nextInt(keys));
							if (i % 50 == 0) {
								ns.list();
							}
						}
						return mine;
					}));
				}
				start.countDown();
				for (Future<Map<String, String>> result : results) {
					lastWritten.add(result.get(100, TimeUnit.SECONDS));
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertEveryKeyHoldsALastWrite(ns, lastWritten);
		}
		try (LocalKVStore store = open(file)) {
			assertEveryKeyHoldsALastWrite(store.namespace(NS), lastWritten);
		}
	}

	private static void assertEveryKeyHoldsALastWrite(KVNamespace ns, List<Map<String, String>> lastWritten) {
		Map<String, Set<String>> candidates = new HashMap<>();
		lastWritten.forEach((mine) -> mine.forEach(
				(key, value) -> candidates.computeIfAbsent(key, (k) -> new HashSet<>()).add(value)));
		assertThat(names(ns.list())).containsExactlyInAnyOrderElementsOf(candidates.keySet());
		candidates.forEach((key, values) -> assertThat(ns.get(key)).as(key).isIn(values));
	}

	private static List<String> names(ListResult result) {
		return result.keys().stream().map(KVKey::name).toList();
	}

	private static long queryLong(Path file, String sql) {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new AssertionError(sql + " failed on " + file, ex);
		}
	}

	private static void execute(Path file, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void assertMatchesPattern(InputStream in, long length) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long position = 0;
		int n;
		while ((n = in.read(buffer)) > 0) {
			for (int i = 0; i < n; i++) {
				if (buffer[i] != PatternStream.byteAt(position + i)) {
					throw new AssertionError("byte " + (position + i) + " differs");
				}
			}
			position += n;
		}
		assertThat(position).isEqualTo(length);
	}

	/**
	 * Generates {@code length} bytes whose value depends on their position, so that a lost, repeated or
	 * misplaced chunk shows; nothing is held in memory.
	 */
	static class PatternStream extends InputStream {

		private final long length;

		private long position;

		PatternStream(long length) {
			this.length = length;
		}

		static byte byteAt(long position) {
			return (byte) (position * 31 + (position >>> 12) + (position >>> 20) * 97);
		}

		long position() {
			return this.position;
		}

		@Override
		public int read() throws IOException {
			return (this.position < this.length) ? byteAt(this.position++) & 0xFF : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			if (this.position >= this.length) {
				return -1;
			}
			int n = (int) Math.min(length, this.length - this.position);
			for (int i = 0; i < n; i++) {
				buffer[offset + i] = byteAt(this.position + i);
			}
			this.position += n;
			return n;
		}

		byte[] readAllBytesUnchecked() {
			try {
				return readAllBytes();
			}
			catch (IOException ex) {
				throw new AssertionError(ex);
			}
		}

	}

}
