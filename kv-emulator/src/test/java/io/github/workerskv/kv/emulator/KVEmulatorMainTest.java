package io.github.workerskv.kv.emulator;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command line: flags and environment variables, start-up report, health check, a clean stop on SIGTERM. */
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
	void readsEveryOptionFromTheEnvironment() throws Exception {
		Path tokens = Files.writeString(this.dir.resolve("tokens"), "from-file-1\n\n  from-file-2  \n");
		KVEmulatorOptions options = KVEmulatorMain.parse(new String[0],
				Map.of("KV_EMULATOR_HOST", "::1", "KV_EMULATOR_PORT", "9001", "KV_EMULATOR_PERSIST", "/data/kv.db",
						"KV_EMULATOR_TOKEN", "from-env", "KV_EMULATOR_TOKEN_FILE", tokens.toString(),
						"KV_EMULATOR_ACCOUNT_ID", "acct-1, acct-2,", "KV_EMULATOR_ENFORCE_WRITE_RATE", "TRUE",
						"KV_EMULATOR_REQUEST_BUDGET", "1200/300"));

		assertThat(options.host()).isEqualTo("::1");
		assertThat(options.port()).isEqualTo(9001);
		assertThat(options.persistPath()).isEqualTo(Path.of("/data/kv.db"));
		assertThat(options.tokens()).containsExactlyInAnyOrder("from-env", "from-file-1", "from-file-2");
		assertThat(options.accountIds()).containsExactlyInAnyOrder("acct-1", "acct-2");
		assertThat(options.enforceWriteRate()).isTrue();
		assertThat(options.requestBudget()).isEqualTo(new RequestBudget(1200, Duration.ofMinutes(5)));
	}

	@Test
	void aFlagWinsOverItsVariable() throws Exception {
		Path tokens = Files.writeString(this.dir.resolve("tokens"), "flag-file-token\n");
		Map<String, String> env = Map.of("KV_EMULATOR_HOST", "::1", "KV_EMULATOR_PORT", "9001",
				"KV_EMULATOR_PERSIST", "env.db", "KV_EMULATOR_TOKEN", "env-token", "KV_EMULATOR_TOKEN_FILE",
				this.dir.resolve("missing").toString(), "KV_EMULATOR_ACCOUNT_ID", "env-acct",
				"KV_EMULATOR_ENFORCE_WRITE_RATE", "false", "KV_EMULATOR_REQUEST_BUDGET", "1/1");

		KVEmulatorOptions options = KVEmulatorMain.parse(new String[] { "--host", "127.0.0.1", "--port", "9002",
				"--persist", "flag.db", "--token-file", tokens.toString(), "--account-id", "flag-acct",
				"--enforce-write-rate", "--request-budget", "10/60" }, env);

		assertThat(options.host()).isEqualTo("127.0.0.1");
		assertThat(options.port()).isEqualTo(9002);
		assertThat(options.persistPath()).isEqualTo(Path.of("flag.db"));
		assertThat(options.tokens()).as("any token flag replaces both token variables")
			.containsExactly("flag-file-token");
		assertThat(options.accountIds()).containsExactly("flag-acct");
		assertThat(options.enforceWriteRate()).isTrue();
		assertThat(options.requestBudget()).isEqualTo(new RequestBudget(10, Duration.ofMinutes(1)));
		assertThat(KVEmulatorMain.parse(new String[] { "--token", "flag-token" }, env).tokens())
			.containsExactly("flag-token");
		assertThat(KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_ENFORCE_WRITE_RATE", "false"))
			.enforceWriteRate()).isFalse();
	}

	@Test
	void switchesTheConsoleOnByFlagOrVariable() {
		assertThat(KVEmulatorMain.parse(new String[0]).console()).isFalse();
		assertThat(KVEmulatorMain.parse(new String[] { "--console" }).console()).isTrue();
		assertThat(KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_CONSOLE", "true")).console()).isTrue();
		assertThat(KVEmulatorMain.parse(new String[] { "--console" }, Map.of("KV_EMULATOR_CONSOLE", "false")).console())
			.isTrue();
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_CONSOLE", "on")))
			.hasMessage("KV_EMULATOR_CONSOLE must be true or false, not 'on'");
	}

	@Test
	void anEmptyVariableIsUnset() {
		Map<String, String> env = new HashMap<>();
		for (String name : List.of("KV_EMULATOR_HOST", "KV_EMULATOR_PORT", "KV_EMULATOR_PERSIST", "KV_EMULATOR_TOKEN",
				"KV_EMULATOR_TOKEN_FILE", "KV_EMULATOR_ACCOUNT_ID", "KV_EMULATOR_ENFORCE_WRITE_RATE",
				"KV_EMULATOR_REQUEST_BUDGET", "KV_EMULATOR_CONSOLE")) {
			env.put(name, name.endsWith("TOKEN") ? "" : " ");
		}

		KVEmulatorOptions options = KVEmulatorMain.parse(new String[0], env);

		assertThat(options).isEqualTo(KVEmulatorMain.parse(new String[0]));
		assertThat(options.tokens()).isEmpty();
	}

	@Test
	void refusesBadVariablesNamingTheVariable() throws Exception {
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_PORT", "x")))
			.hasMessage("KV_EMULATOR_PORT needs a number, not 'x'");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_PORT", "70000")))
			.hasMessage("KV_EMULATOR_PORT must be 0 (a free port) or 1..65535, not 70000");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--port", "-1" }))
			.hasMessage("--port must be 0 (a free port) or 1..65535, not -1");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_HOST", "localhost")))
			.hasMessage("KV_EMULATOR_HOST needs an IP address such as 127.0.0.1, ::1 or 0.0.0.0 (every interface), "
					+ "not 'localhost'");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--host", "256.0.0.1" }))
			.hasMessageStartingWith("--host needs an IP address");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_ENFORCE_WRITE_RATE", "yes")))
			.hasMessage("KV_EMULATOR_ENFORCE_WRITE_RATE must be true or false, not 'yes'");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_REQUEST_BUDGET", "5m")))
			.hasMessage("KV_EMULATOR_REQUEST_BUDGET needs REQUESTS/SECONDS in whole numbers, such as 1200/300, "
					+ "not '5m'");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_REQUEST_BUDGET", "0/300")))
			.hasMessage("KV_EMULATOR_REQUEST_BUDGET 0/300: A request budget allows at least 1 request, not 0");
	}

	@Test
	void refusesUnreadableEmptyOrHugeTokenFilesWithoutShowingTheirContent() throws Exception {
		Path missing = this.dir.resolve("missing");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--token-file", missing.toString() }))
			.hasMessage("--token-file " + missing + ": cannot read it (NoSuchFileException)");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[0], Map.of("KV_EMULATOR_TOKEN_FILE", missing.toString())))
			.hasMessage("KV_EMULATOR_TOKEN_FILE " + missing + ": cannot read it (NoSuchFileException)");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--token-file", this.dir.toString() }))
			.hasMessageStartingWith("--token-file " + this.dir + ": cannot read it");
		Path blank = Files.writeString(this.dir.resolve("blank"), "\n  \n");
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--token-file", blank.toString() }))
			.hasMessage("--token-file " + blank + " holds no token; write one API token per line");
		Path huge = Files.writeString(this.dir.resolve("huge"), "huge-s3cret\n".repeat(10_000));
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--token-file", huge.toString() }))
			.hasMessage("--token-file " + huge + " is over 65536 bytes; it should hold API tokens, one per line");
		Path binary = Files.write(this.dir.resolve("binary"), new byte[] { 's', 'e', 'c', (byte) 0xFF, '\n' });
		assertThatThrownBy(() -> KVEmulatorMain.parse(new String[] { "--token-file", binary.toString() }))
			.hasMessage("--token-file " + binary + ": cannot read it (MalformedInputException)");
	}

	@Test
	void namesMisspeltVariablesAndNoOthers() {
		assertThat(KVEmulatorMain.unknownVariables(Map.of("KV_EMULATOR_TOKNE", "t", "KV_EMULATOR_TOKEN", "t",
				"KV_EMULATOR_PORT", "1", "PATH", "/bin", "KV_EMULATORX", "x"))).containsExactly("KV_EMULATOR_TOKNE");
	}

	@Test
	void baseUrlNamesLoopbackForEveryInterfaceAndBracketsIpv6() {
		assertThat(KVEmulator.baseUrl("0.0.0.0", 8787)).hasToString("http://127.0.0.1:8787/client/v4");
		assertThat(KVEmulator.baseUrl("::", 8787)).hasToString("http://127.0.0.1:8787/client/v4");
		assertThat(KVEmulator.baseUrl("::1", 8787)).hasToString("http://[::1]:8787/client/v4");
		assertThat(KVEmulator.baseUrl("127.0.0.1", 1)).hasToString("http://127.0.0.1:1/client/v4");
	}

	@Test
	void listensOnIpv6LoopbackWhenAskedTo() throws Exception {
		// The test JVM runs with java.net.preferIPv4Stack, so a JVM of its own (the health check) talks IPv6.
		try (MainProcess process = MainProcess.start(List.of("--port", "0"), Map.of("KV_EMULATOR_HOST", "::1"))) {
			assertThat(process.baseUrl().getHost()).isEqualTo("[::1]");
			String port = Integer.toString(process.baseUrl().getPort());

			MainProcess.Result check = MainProcess.run(List.of("--health-check", "--host", "::1", "--port", port),
					Map.of());

			assertThat(check.exitCode()).as(check.output()).isZero();
			assertThat(check.output()).contains("healthy: http://[::1]:" + port + "/client/v4/user/tokens/verify "
					+ "answered 200");
		}
	}

	@Test
	void aTokenFromTheEnvironmentOrAFileIsNotInTheCommandLine() throws Exception {
		Path tokenFile = Files.writeString(this.dir.resolve("token"), "file-s3cret\n");
		try (MainProcess fromEnv = MainProcess.start(List.of("--port", "0"), Map.of("KV_EMULATOR_TOKEN", "env-s3cret"));
				MainProcess fromFile = MainProcess.start(List.of("--port", "0", "--token-file", tokenFile.toString()),
						Map.of())) {
			assertThat(new Api(fromEnv.baseUrl(), "env-s3cret", "acct").get("/user").statusCode()).isEqualTo(200);
			assertThat(new Api(fromEnv.baseUrl(), "wrong", "acct").get("/user").statusCode()).isEqualTo(403);
			assertThat(new Api(fromFile.baseUrl(), "file-s3cret", "acct").get("/user").statusCode()).isEqualTo(200);
			assertThat(new Api(fromFile.baseUrl(), "wrong", "acct").get("/user").statusCode()).isEqualTo(403);

			assertThat(fromEnv.commandLine()).contains(KVEmulatorMain.class.getName()).doesNotContain("env-s3cret");
			assertThat(fromFile.commandLine()).contains(tokenFile.toString()).doesNotContain("file-s3cret");
			assertThat(fromEnv.output() + fromFile.output()).doesNotContain("s3cret")
				.contains("Authentication: required (1 token(s) configured)");
		}
	}

	@Test
	void aTokenFlagIsInTheCommandLineAndSaysSo() throws Exception {
		try (MainProcess process = MainProcess.start(List.of("--port", "0", "--token", "flag-s3cret"), Map.of())) {
			assertThat(process.commandLine()).contains("flag-s3cret");
			assertThat(process.output()).contains("Note: a --token argument is visible to every local user in `ps`")
				.doesNotContain("flag-s3cret");
		}
	}

	@Test
	void theHealthCheckSaysWhetherTheEmulatorAnswers() throws Exception {
		try (MainProcess process = MainProcess.start(List.of("--port", "0", "--token", "health-s3cret"), Map.of())) {
			String port = Integer.toString(process.baseUrl().getPort());

			MainProcess.Result healthy = MainProcess.run(List.of("--health-check"), Map.of("KV_EMULATOR_PORT", port));
			assertThat(healthy.exitCode()).as(healthy.output()).isZero();
			assertThat(healthy.output()).contains("healthy: http://127.0.0.1:" + port + "/client/v4/user/tokens/verify"
					+ " answered 401");

			process.stop();
			MainProcess.Result unhealthy = MainProcess.run(List.of("--health-check", "--port", port), Map.of());
			assertThat(unhealthy.exitCode()).as(unhealthy.output()).isEqualTo(1);
			assertThat(unhealthy.output()).contains("unhealthy: http://127.0.0.1:" + port);
			MainProcess.Result badOptions = MainProcess.run(List.of("--health-check", "--port", "x"), Map.of());
			assertThat(badOptions.exitCode()).as("Docker reserves 2").isEqualTo(1);
			assertThat(badOptions.output()).startsWith("--port needs a number, not 'x'");
		}
	}

	@Test
	void saysWhyItCannotStartAndExitsWithStatusOne() throws Exception {
		try (KVEmulator taken = KVEmulator.start(KVEmulatorOptions.defaults())) {
			String port = Integer.toString(taken.port());

			MainProcess.Result result = MainProcess.run(List.of("--port", port), Map.of());

			assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
			assertThat(result.output()).startsWith("Could not start the KV emulator on 127.0.0.1:" + port)
				.doesNotContain("\tat ");
		}
	}

	@Test
	void printsTheBaseUrlAndAuthStateAndStopsOnSigterm() throws Exception {
		try (MainProcess process = MainProcess.start(
				List.of("--port", "0", "--token", "main-s3cret", "--persist", this.dir.resolve("kv.db").toString()),
				Map.of())) {
			Api api = new Api(process.baseUrl(), "main-s3cret", "acct");
			assertThat(api.get("/user").statusCode()).isEqualTo(200);
			assertThat(process.output()).contains("Authentication: required (1 token(s) configured)")
				.doesNotContain("main-s3cret");

			assertThat(process.stop()).as("exits after SIGTERM").isTrue();
		}
	}

	/** {@link KVEmulatorMain} in a JVM of its own, as {@code java -jar} runs it. */
	private static final class MainProcess implements AutoCloseable {

		private final Process process;

		private final List<String> lines;

		private final URI baseUrl;

		private MainProcess(Process process, List<String> lines, URI baseUrl) {
			this.process = process;
			this.lines = lines;
			this.baseUrl = baseUrl;
		}

		/** Starts it and reads its start-up report, for at most 60 s. */
		static MainProcess start(List<String> args, Map<String, String> env) throws Exception {
			Process process = builder(args, env).start();
			try {
				List<String> lines = CompletableFuture.supplyAsync(() -> startUpReport(process))
					.get(60, TimeUnit.SECONDS);
				String prefix = "KV emulator listening at ";
				String url = lines.stream().filter((l) -> l.startsWith(prefix)).findFirst()
					.orElseThrow(() -> new IllegalStateException("No start-up report: " + lines));
				return new MainProcess(process, lines, URI.create(url.substring(prefix.length())));
			}
			catch (Exception ex) {
				process.destroyForcibly();
				throw ex;
			}
		}

		private static List<String> startUpReport(Process process) {
			List<String> lines = new ArrayList<>();
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
			try {
				String line;
				while ((line = reader.readLine()) != null) {
					lines.add(line);
					if (line.startsWith("Write rate:")) {
						break;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return lines;
		}

		/** Runs it to its end, for at most 60 s (its output is small enough for the pipe). */
		static Result run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
			Process process = builder(args, env).start();
			try {
				assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits within 60 s").isTrue();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				return new Result(process.exitValue(), output);
			}
			finally {
				process.destroyForcibly();
			}
		}

		private static ProcessBuilder builder(List<String> args, Map<String, String> env) {
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
					KVEmulatorMain.class.getName()));
			command.addAll(args);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().keySet().removeIf((name) -> name.startsWith("KV_EMULATOR_"));
			builder.environment().putAll(env);
			return builder;
		}

		URI baseUrl() {
			return this.baseUrl;
		}

		String output() {
			return String.join("\n", this.lines);
		}

		/** @return what {@code ps} shows of it: {@code /proc/PID/cmdline} on Linux */
		String commandLine() throws IOException {
			Path proc = Path.of("/proc", Long.toString(this.process.pid()), "cmdline");
			if (Files.isReadable(proc)) {
				return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
			}
			return this.process.info().commandLine().orElseThrow();
		}

		/** @return whether it exited within 30 s of SIGTERM */
		boolean stop() throws InterruptedException {
			this.process.destroy();
			return this.process.waitFor(30, TimeUnit.SECONDS);
		}

		@Override
		public void close() {
			this.process.destroyForcibly();
		}

		record Result(int exitCode, String output) {
		}

	}

}
