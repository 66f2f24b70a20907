package io.github.workerskv.kv.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a writing process with SIGKILL ({@link Process#destroyForcibly()}) several times on the same
 * file and checks, after each kill, that every acknowledged write is there, that no write is torn,
 * and that the file is intact.
 */
class SqliteCrashTest {

	private static final int ROUNDS = 4;

	private static final int ACKS_PER_ROUND = 200;

	private static final long ROUND_TIMEOUT_SECONDS = 60;

	@TempDir
	Path dir;

	@Test
	@Timeout(180)
	void everyAcknowledgedWriteSurvivesKillMinus9AndTheFileStaysReadable() throws Exception {
		Path file = this.dir.resolve("data/kv.sqlite");
		Random random = new Random(7);
		long next = 0;
		for (int round = 0; round < ROUNDS; round++) {
			long lastAck = runAndKill(file, next, random.nextInt(30), round);
			assertThat(lastAck).as("round %d acknowledged", round).isGreaterThanOrEqualTo(next + ACKS_PER_ROUND - 1);
			assertThat(integrityCheck(file)).isEqualTo("ok");
			next = verify(file, lastAck) + 1;
		}
	}

	/**
	 * Writers that put at once are group-committed: one transaction and one fsync for many puts. A kill
	 * must still find every put that returned, whole, in every writer's sequence.
	 */
	@Test
	@Timeout(120)
	void everyAcknowledgedWriteOfConcurrentWritersSurvivesKillMinus9() throws Exception {
		Path file = this.dir.resolve("concurrent/kv.sqlite");
		int threads = 8;
		String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path stderr = this.dir.resolve("concurrent-child.err");
		Process child = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
				SqliteConcurrentCrashChild.class.getName(), file.toString(), Integer.toString(threads))
			.redirectError(stderr.toFile())
			.start();
		long[] lastAck = new long[threads];
		Arrays.fill(lastAck, -1);
		int acks = 0;
		try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
				StandardCharsets.US_ASCII))) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ROUND_TIMEOUT_SECONDS);
			while (acks < ACKS_PER_ROUND * 2 && System.nanoTime() < deadline) {
				String line = lines.readLine();
				if (line == null) {
					throw new AssertionError("The child ended; its stderr:\n" + Files.readString(stderr));
				}
				String[] words = line.split(" ");
				int writer = Integer.parseInt(words[1]);
				long n = Long.parseLong(words[2]);
				assertThat(n).as("writer %d acknowledges in order", writer).isEqualTo(lastAck[writer] + 1);
				lastAck[writer] = n;
				acks++;
			}
			assertThat(acks).as("acknowledgements within %d s", ROUND_TIMEOUT_SECONDS).isEqualTo(ACKS_PER_ROUND * 2);
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
		}
		assertThat(integrityCheck(file)).isEqualTo("ok");
		try (LocalKVStore store = LocalKVStore.open(file)) {
			KVNamespace ns = store.namespace(SqliteCrashChild.NAMESPACE);
			for (int writer = 0; writer < threads; writer++) {
				for (long n = 0; n <= lastAck[writer]; n++) {
					assertThat(ns.getBytes(SqliteConcurrentCrashChild.key(writer, n))).as("writer %d, put %d", writer, n)
						.isEqualTo(SqliteCrashChild.value(n));
				}
				long stored = lastAck[writer];
				while (ns.getBytes(SqliteConcurrentCrashChild.key(writer, stored + 1)) != null) {
					stored++;
					assertThat(ns.getBytes(SqliteConcurrentCrashChild.key(writer, stored))).isEqualTo(SqliteCrashChild.value(stored));
				}
				assertThat(stored - lastAck[writer]).as("writer %d: stored beyond its acknowledgements", writer).isLessThan(1000);
			}
		}
	}

	/** @return the last acknowledged n */
	private long runAndKill(Path file, long start, int killDelayMillis, int round) throws Exception {
		Path stderr = this.dir.resolve("child-" + round + ".err");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				SqliteCrashChild.class.getName(), file.toString(), Long.toString(start))
			.redirectError(stderr.toFile())
			.start();
		BlockingQueue<Long> acks = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> readAcks(child.getInputStream(), acks), "crash-child-stdout");
		reader.start();
		long lastAck = start - 1;
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ROUND_TIMEOUT_SECONDS);
			int seen = 0;
			while (seen < ACKS_PER_ROUND) {
				Long ack = acks.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (ack == null) {
					throw new AssertionError("The child acknowledged " + seen + " of " + ACKS_PER_ROUND + " writes in "
							+ ROUND_TIMEOUT_SECONDS + " s (alive: " + child.isAlive() + "); its stderr:\n"
							+ Files.readString(stderr));
				}
				assertThat(ack).isEqualTo(lastAck + 1);
				lastAck = ack;
				seen++;
			}
			Thread.sleep(killDelayMillis);
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
			reader.join(TimeUnit.SECONDS.toMillis(30));
		}
		for (Long ack = acks.poll(); ack != null; ack = acks.poll()) {
			assertThat(ack).isEqualTo(lastAck + 1);
			lastAck = ack;
		}
		return lastAck;
	}

	/** Reads "ok n" lines; a line cut short by the kill, without its newline, does not count. */
	private static void readAcks(InputStream in, BlockingQueue<Long> acks) {
		StringBuilder line = new StringBuilder();
		try (in) {
			int c;
			while ((c = in.read()) != -1) {
				if (c != '\n') {
					line.append((char) c);
					continue;
				}
				String text = line.toString();
				line.setLength(0);
				if (text.startsWith("ok ")) {
					acks.add(Long.parseLong(text.substring(3)));
				}
			}
		}
		catch (IOException ex) {
			// The pipe closes when the child is killed.
		}
	}

	/**
	 * Writes after the last acknowledgement may have completed too: {@code destroyForcibly()} closes our
	 * end of the child's stdout, so acknowledgements still in the pipe are lost. Those writes must be
	 * whole, contiguous, and followed by nothing.
	 * @return the last key stored
	 */
	private static long verify(Path file, long lastAck) {
		try (LocalKVStore store = LocalKVStore.open(file)) {
			KVNamespace ns = store.namespace(SqliteCrashChild.NAMESPACE);
			for (long n = 0; n <= lastAck; n++) {
				assertEntry(ns, n);
			}
			long lastStored = lastAck;
			while (ns.getBytes(SqliteCrashChild.key(lastStored + 1)) != null) {
				lastStored++;
				assertEntry(ns, lastStored);
			}
			assertThat(lastStored - lastAck).as("unacknowledged but stored writes").isLessThan(1000);
			String hot = ns.get(SqliteCrashChild.HOT_KEY);
			assertThat(Long.parseLong(hot)).isBetween(Math.max(lastAck, lastStored - 1), lastStored);
			List<String> names = new ArrayList<>();
			ListResult page = ns.list();
			names.addAll(page.keys().stream().map(KVKey::name).toList());
			while (!page.listComplete()) {
				page = ns.list(ListOptions.defaults().withCursor(page.cursor()));
				names.addAll(page.keys().stream().map(KVKey::name).toList());
			}
			List<String> expected = new ArrayList<>(List.of(SqliteCrashChild.HOT_KEY));
			for (long n = 0; n <= lastStored; n++) {
				expected.add(SqliteCrashChild.key(n));
			}
			assertThat(names).containsExactlyElementsOf(expected);
			return lastStored;
		}
	}

	private static void assertEntry(KVNamespace ns, long n) {
		ValueWithMetadata<byte[]> entry = ns.getWithMetadata(SqliteCrashChild.key(n), ValueType.bytes(),
				GetOptions.defaults());
		assertThat(entry).as("key %d", n).isNotNull();
		assertThat(entry.value()).as("value of key %d", n).isEqualTo(SqliteCrashChild.value(n));
		assertThat(entry.metadata().get("n").asLong()).isEqualTo(n);
	}

	private static String integrityCheck(Path file) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
			rs.next();
			return rs.getString(1);
		}
	}

}
