package io.github.workerskv.kv.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.local.LocalKVStore;

/**
 * Row 11 of the table: the SQLite file store under {@code --writers} concurrent writers of 1 KiB values,
 * through the emulator ({@code --persist}, its own JVM, PUT over HTTP from a bare JDK client, and again
 * from {@link SocketPuts}, a client that costs next to nothing beside it on the same cores) and in
 * process ({@code LocalKVStore.open}), each against raw sqlite-jdbc doing the same writes with the same
 * durability: one {@code INSERT OR REPLACE} per write, committed (WAL, {@code synchronous=FULL}, so fsynced)
 * before the writer goes on, on one connection shared under a lock, in a file in the same directory.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.SqliteWriters \
 *     [--seconds 3] [--rounds 5] [--writers 16] [--dir DIRECTORY]
 * </pre>
 */
public final class SqliteWriters {

	private static final int KEYS = 10_000;

	private SqliteWriters() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		Duration seconds = options.seconds("seconds", 3);
		int rounds = options.integer("rounds", 5);
		int writers = options.integer("writers", 16);
		Path parent = Path.of(options.text("dir", System.getProperty("java.io.tmpdir")));
		Report report = Report.open();
		Path dir = Files.createTempDirectory(parent, "kv-bench-sqlite");
		byte[] value = Bench.VALUE.getBytes(StandardCharsets.UTF_8);
		try (Children.Emulator emulator = new Children.Emulator("--persist", dir.resolve("emulator.sqlite").toString());
				CloudflareKVClient client = Bench.client(emulator.baseUrl());
				RawSqlite raw = new RawSqlite(dir.resolve("raw.sqlite"));
				LocalKVStore store = LocalKVStore.open(dir.resolve("store.sqlite"))) {
			String namespaceId = client.createNamespace("sqlite-writers").id();
			String path = Bench.valuesPath(namespaceId);
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = emulator.baseUrl().toString();
			ClosedLoop.Operation overHttp = (c, i) -> {
				HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + path + Bench.key(c * 7919 + i, KEYS)))
					.header("Authorization", "Bearer " + EmulatorServer.TOKEN)
					.PUT(HttpRequest.BodyPublishers.ofByteArray(value))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("PUT: HTTP " + response.statusCode());
				}
			};
			SocketPuts[] sockets = new SocketPuts[writers];
			for (int c = 0; c < writers; c++) {
				sockets[c] = new SocketPuts(emulator.baseUrl(), value);
			}
			ClosedLoop.Operation overSockets = (c, i) -> sockets[c].put(path + Bench.key(c * 7919 + i, KEYS));
			KVNamespace local = store.namespace("bench");
			ClosedLoop.Operation inProcess = (c, i) -> local.put(Bench.key(c * 7919 + i, KEYS), value);
			ClosedLoop.Operation rawWrite = (c, i) -> raw.put("bench", Bench.key(c * 7919 + i, KEYS), value);
			ClosedLoop.run(writers, Bench.warmUp(seconds), overHttp);
			ClosedLoop.run(writers, Bench.warmUp(seconds), inProcess);
			ClosedLoop.run(writers, Bench.warmUp(seconds), rawWrite);
			ClosedLoop.Result[] last = new ClosedLoop.Result[3];
			Rounds.Result emulated = Rounds.alternate(rounds, () -> (last[0] = ClosedLoop.run(writers, seconds, overHttp)).opsPerSecond(),
					() -> (last[2] = ClosedLoop.run(writers, seconds, rawWrite)).opsPerSecond(), (a, b) -> a / b);
			report.figure(String.format(Locale.ROOT, "SQLite file store under %d writers, emulator --persist (HTTP) vs raw sqlite-jdbc", writers),
					describe(emulated.medianA(), last[0]), describe(emulated.medianB(), last[2]), emulated.ratioText(),
					"≥ 0.8×", emulated.median() >= 0.8);
			report.rounds("emulator --persist vs raw sqlite-jdbc, " + writers + " writers", "writes/s", emulated);
			// The same emulator loaded by a client that costs next to nothing (SocketPuts): how much of the row above
			// is the JDK client's CPU on the same two cores rather than the emulator's store.
			ClosedLoop.run(writers, Bench.warmUp(seconds), overSockets);
			ClosedLoop.Result[] lastSockets = new ClosedLoop.Result[2];
			Rounds.Result socketsVsRaw = Rounds.alternate(rounds,
					() -> (lastSockets[0] = ClosedLoop.run(writers, seconds, overSockets)).opsPerSecond(),
					() -> (lastSockets[1] = ClosedLoop.run(writers, seconds, rawWrite)).opsPerSecond(), (a, b) -> a / b);
			report.figure("same, the emulator loaded by raw keep-alive sockets instead of the JDK client",
					describe(socketsVsRaw.medianA(), lastSockets[0]), describe(socketsVsRaw.medianB(), lastSockets[1]),
					socketsVsRaw.ratioText(), "≥ 0.8×", socketsVsRaw.median() >= 0.8);
			report.rounds("emulator --persist loaded by raw keep-alive sockets (SocketPuts) vs raw sqlite-jdbc, " + writers
					+ " writers", "writes/s", socketsVsRaw);
			for (SocketPuts socket : sockets) {
				socket.close();
			}
			Rounds.Result embedded = Rounds.alternate(rounds, () -> (last[1] = ClosedLoop.run(writers, seconds, inProcess)).opsPerSecond(),
					() -> (last[2] = ClosedLoop.run(writers, seconds, rawWrite)).opsPerSecond(), (a, b) -> a / b);
			report.figure(String.format(Locale.ROOT, "same, in process (LocalKVStore.open) vs raw sqlite-jdbc", writers),
					describe(embedded.medianA(), last[1]), describe(embedded.medianB(), last[2]), embedded.ratioText(),
					"≥ 0.8×", embedded.median() >= 0.8);
			report.rounds("LocalKVStore file vs raw sqlite-jdbc, " + writers + " writers", "writes/s", embedded);
		}
		finally {
			BulkLoad.deleteTree(dir);
		}
		report.failures("SqliteWriters, all writers' calls", ClosedLoop.tally());
	}

	private static String describe(double perSecond, ClosedLoop.Result last) {
		return String.format(Locale.ROOT, "%,.0f writes/s, p50 %.1f ms", perSecond, last.p50Nanos() / 1e6);
	}

	/** What a user of sqlite-jdbc writes by hand for durable writes from many threads. */
	static final class RawSqlite implements AutoCloseable {

		private final Connection connection;

		private final PreparedStatement upsert;

		private final ReentrantLock lock = new ReentrantLock();

		RawSqlite(Path file) throws Exception {
			this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("PRAGMA journal_mode = WAL");
				statement.execute("PRAGMA synchronous = FULL");
				statement.execute("CREATE TABLE kv (namespace TEXT NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, "
						+ "PRIMARY KEY (namespace, key))");
			}
			this.upsert = this.connection.prepareStatement("INSERT OR REPLACE INTO kv (namespace, key, value) VALUES (?, ?, ?)");
		}

		void put(String namespace, String key, byte[] value) throws Exception {
			this.lock.lock();
			try {
				this.upsert.setString(1, namespace);
				this.upsert.setBytes(2, key.getBytes(StandardCharsets.UTF_8));
				this.upsert.setBytes(3, value);
				this.upsert.executeUpdate();
			}
			finally {
				this.lock.unlock();
			}
		}

		@Override
		public void close() throws Exception {
			this.upsert.close();
			this.connection.close();
		}

	}

}
