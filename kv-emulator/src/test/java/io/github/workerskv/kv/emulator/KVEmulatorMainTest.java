package io.github.workerskv.kv.emulator;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
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
		assertThat(options.requestBudget()).isNull();
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
	void parsesTheRequestBudgetAsRequestsPerSeconds() {
		KVEmulatorOptions options = KVEmulatorMain.parse(new String[] { "--request-budget", "1200/300" });

		assertThat(options.requestBudget()).isEqualTo(new RequestBudget(1200, Duration.ofMinutes(5)));
		assertThat(KVEmulatorMain.parse(new String[] { "--request-budget", "1/1" }).requestBudget())
			.isEqualTo(new RequestBudget(1, Duration.ofSeconds(1)));
	}

	@Test
	void refusesMalformedOrOutOfBoundsRequestBudgetsWithAClearMessage() {
		for (String bad : new String[] { "1200", "1200/", "/300", "1200/300s", "1200/5m", "-1/300", "1.5/300",
				"1200 / 300", "a/b", "1200/300/1" }) {
			assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--request-budget", bad })).as(bad)
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage("--request-budget needs REQUESTS/SECONDS in whole numbers, such as 1200/300, not '" + bad
						+ "'");
		}
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--request-budget", "0/300" }))
			.hasMessage("--request-budget 0/300: A request budget allows at least 1 request, not 0");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--request-budget", "10/0" }))
			.hasMessageStartingWith("--request-budget 10/0: A request budget's window is whole seconds from 1 s to 1 day");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--request-budget", "10/86401" }))
			.hasMessageStartingWith("--request-budget 10/86401: A request budget's window is whole seconds");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--request-budget", "9999999999/300" }))
			.hasMessage("--request-budget allows at most 2147483647 requests, not '9999999999'");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--request-budget" }))
			.hasMessage("Option --request-budget needs a value");
	}

	@Test
	void reportsTheRequestBudgetAtStartUp() {
		KVEmulatorOptions options = KVEmulatorOptions.defaults().withRequestBudget(1200, Duration.ofMinutes(5));
		try (KVEmulator emulator = KVEmulator.start(options)) {
			ByteArrayOutputStream withBudget = new ByteArrayOutputStream();
			KVEmulatorMain.describe(emulator, options, new PrintStream(withBudget, true, StandardCharsets.UTF_8));
			ByteArrayOutputStream without = new ByteArrayOutputStream();
			KVEmulatorMain.describe(emulator, KVEmulatorOptions.defaults(),
					new PrintStream(without, true, StandardCharsets.UTF_8));

			assertThat(withBudget.toString(StandardCharsets.UTF_8))
				.contains("Request budget: 1200 requests per 300 s per account, then 429 for 300 s");
			assertThat(without.toString(StandardCharsets.UTF_8)).contains("Request budget: off");
		}
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
