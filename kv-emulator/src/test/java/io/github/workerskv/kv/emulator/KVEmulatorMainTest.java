package io.github.workerskv.kv.emulator;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line: options, start-up report, and a clean stop on SIGTERM. */
class KVEmulatorMainTest {

	@TempDir
	Path dir;

	@Test
	void parsesEveryOption() {
		KVEmulatorOptions options = KVEmulatorMain.parse(new String[] { "--port", "0", "--persist", "kv.db", "--token",
				"a", "--token", "b", "--account-id", "acct", "--enforce-write-rate" });

		assertThat(options.port()).isZero();
		assertThat(options.persistPath()).isEqualTo(Path.of("kv.db"));
		assertThat(options.tokens()).containsExactlyInAnyOrder("a", "b");
		assertThat(options.accountIds()).containsExactly("acct");
		assertThat(options.enforceWriteRate()).isTrue();
		assertThat(KVEmulatorMain.parse(new String[0]).port()).isEqualTo(8787);
		assertThat(KVEmulatorMain.parse(new String[] { "--help" })).isNull();
	}

	@Test
	void refusesUnknownOptionsAndMissingValues() {
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--nope" }))
			.hasMessage("Unknown option '--nope'");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--token" }))
			.hasMessage("Option --token needs a value");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--port", "x" }))
			.hasMessage("--port needs a number, not 'x'");
	}

	@Test
	void printsTheBaseUrlAndAuthStateAndStopsOnSigterm() throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				KVEmulatorMain.class.getName(), "--port", "0", "--token", "main-s3cret", "--persist",
				this.dir.resolve("kv.db").toString())
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try {
			BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			String line;
			while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
				lines.add(line);
				if (line.startsWith("Write rate:")) {
					break;
				}
			}
			String urlLine = lines.stream().filter((l) -> l.startsWith("KV emulator listening at ")).findFirst().orElseThrow();
			URI base = URI.create(urlLine.substring("KV emulator listening at ".length()));
			Api api = new Api(base, "main-s3cret", "acct");
			assertThat(api.get("/user").statusCode()).isEqualTo(200);
			assertThat(lines).contains("Authentication: required (1 token(s) configured)");
			assertThat(String.join("\n", lines)).doesNotContain("main-s3cret");

			process.destroy();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
	}

}
