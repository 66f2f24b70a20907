package io.github.workerskv.kv.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every driver of {@code run-all.sh} once, with a few short rounds and tiny loads, against the real peers
 * (the emulator in its own JVM, the npm SDK, wrangler, Miniflare, undici, raw sqlite-jdbc, JMH forks): each
 * must finish and report every figure it stands for, each with a ratio that is a number. Nothing here says
 * anything about speed; {@code kv-benchmarks/run-all.sh} measures.
 */
class BenchmarkDriversSmokeTest {

	/** The start of a summary line's ratio column: a ratio, a share or a signed difference. */
	private static final Pattern RATIO = Pattern.compile("^[+]?(-?[0-9]+(?:\\.[0-9]+)?)");

	@TempDir
	Path out;

	@BeforeEach
	void reportInto() {
		System.setProperty("kv.bench.out", this.out.toString());
	}

	@AfterEach
	void reportNowhere() {
		System.clearProperty("kv.bench.out");
	}

	@Test
	void restClientAgainstBareJdkAndJettyClients() throws Exception {
		RestVsBareHttp.main(args("--seconds 0.2 --rounds 1 --keys 20 --callers 1,4 --ops get,put --jetty true"));
		// per operation, throughput and CPU each: over the JDK's client vs bare JDK and over Jetty's vs over the JDK's,
		// for 1 and 4 callers; for 4 also against the bare JDK client with the same headers and timeout and over Jetty's
		// vs bare Jetty; and bare Jetty and bare Netty vs bare JDK (throughput only) for 4
		assertFigures(28, "REST client (JDK transport) vs bare JDK HttpClient", "client CPU per operation",
				"bare Jetty HttpClient vs bare JDK", "bare Reactor Netty HttpClient",
				"with the same headers and per-request timeout", "Jetty transport vs JDK transport",
				"REST client (Jetty transport) vs bare Jetty HttpClient");
	}

	@Test
	void restClientAgainstTheSdkAndEmulatorAgainstMiniflare() throws Exception {
		NodePeers.main(args("--seconds 0.2 --rounds 1 --keys 20"));
		assertFigures(8, "the cloudflare npm SDK", "emulator vs Miniflare");
	}

	@Test
	void bulkLoadAgainstWranglerAndTheSdk() throws Exception {
		BulkLoad.main(args("--keys 200 --rounds 1 --latency-ms 5"));
		assertFigures(3, "200 keys", "vs wrangler", "bulkUpdate");
	}

	@Test
	void streamedValueInASmallHeap() throws Exception {
		StreamHeap.main(args("--mib 2"));
		assertFigures(2, "2 MiB value put + get as a stream, heap growth, -Xmx8m, JDK transport",
				"2 MiB value put + get as a stream, heap growth, -Xmx8m, Jetty transport");
		assertThat(summary()).allMatch((line) -> line.contains("bytes match"));
	}

	@Test
	void nearCacheAgainstCaffeine() throws Exception {
		CacheRatio.main(args("--rounds 1 --iterations 1 --millis 100"));
		assertFigures(2, "`KVCache` near-cache hit", "shorter than the near cache's");
	}

	@Test
	void starterStartUp() throws Exception {
		StarterStartup.main(args("--rounds 1"));
		assertFigures(1, "start-up time the starter adds");
	}

	@Test
	void sqliteStoreAgainstRawSqliteJdbc() throws Exception {
		SqliteWriters.main(args("--seconds 0.2 --rounds 1 --writers 4 --dir " + this.out));
		assertFigures(3, "SQLite file store under 4 writers", "raw keep-alive sockets", "in process (LocalKVStore.open)");
	}

	@Test
	void profiledPathsAndTheirSummary() throws Exception {
		String rest = printed(() -> ProfiledRestClient.main(args("--seconds 0.3 --callers 2 --keys 20")));
		assertThat(rest).contains("GET, 2 callers:").contains("PUT, 2 callers:");
		Path jfr = this.out.resolve("bulk.jfr");
		ProfiledBulkPut.main(args("--keys 2000 --jfr " + jfr));
		assertThat(jfr).isNotEmptyFile();
		String top = printed(() -> JfrTop.main(new String[] { jfr.toString(), "--top", "5", "--threads", "" }));
		assertThat(top).containsPattern("[0-9]+ CPU samples").contains("| self (top frame) | % |");
	}

	private static String[] args(String line) {
		return line.split(" ");
	}

	private List<String> summary() throws IOException {
		return Files.readAllLines(this.out.resolve("summary.md"), StandardCharsets.UTF_8);
	}

	private void assertFigures(int count, String... names) throws IOException {
		List<String> lines = summary();
		assertThat(lines).hasSize(count);
		for (String name : names) {
			assertThat(lines).anyMatch((line) -> line.contains(name));
		}
		for (String line : lines) {
			// | what | ours | peer | ratio | target | met |
			String[] columns = line.split(" \\| ");
			assertThat(columns).as(line).hasSize(6);
			Matcher ratio = RATIO.matcher(columns[3]);
			assertThat(ratio.find()).as("a ratio in %s", line).isTrue();
			assertThat(Double.parseDouble(ratio.group(1))).as(line).isFinite();
			assertThat(line).containsPattern("\\| (met|\\*\\*missed\\*\\*) \\|$");
		}
		assertThat(this.out.resolve("details.md")).isNotEmptyFile();
	}

	private static String printed(ThrowingRunnable body) throws Exception {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			body.run();
		}
		finally {
			System.setOut(original);
		}
		String text = captured.toString(StandardCharsets.UTF_8);
		original.print(text);
		return text;
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
