package io.github.workerskv.kv.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processes drivers start: JVMs on this benchmark's class path, the emulator ({@link EmulatorServer}),
 * and the Node peers in {@code js/} (system property {@code kv.bench.js}, default {@code kv-benchmarks/js}).
 * A child that talks a line protocol stays up for every round; each is stopped when closed.
 */
final class Children {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(180);

	private Children() {
	}

	static Path jsDirectory() {
		return Path.of(System.getProperty("kv.bench.js", "kv-benchmarks/js")).toAbsolutePath();
	}

	static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** @return the class path of this JVM, as a list of entries */
	static List<String> classpath() {
		List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
		if (entries.size() == 1 && entries.get(0).endsWith("benchmarks.jar")) {
			// The shaded jar: the same classes, unshaded, are in target/classes and target/classpath.txt beside it.
			Path target = Path.of(entries.get(0)).toAbsolutePath().getParent();
			Path listed = target.resolve("classpath.txt");
			if (Files.exists(listed)) {
				List<String> unshaded = new ArrayList<>();
				unshaded.add(target.resolve("classes").toString());
				unshaded.addAll(Arrays.asList(read(listed).strip().split(java.io.File.pathSeparator)));
				return unshaded;
			}
		}
		return entries;
	}

	/**
	 * @param keep which entries to keep
	 * @return the class path of this JVM with only those entries
	 */
	static String classpath(Predicate<String> keep) {
		return String.join(java.io.File.pathSeparator, classpath().stream().filter(keep).toList());
	}

	/** @return a command that runs this main class in a new JVM with these JVM options */
	static List<String> java(List<String> jvmOptions, Class<?> main, String... args) {
		List<String> command = new ArrayList<>();
		command.add(javaBinary());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(String.join(java.io.File.pathSeparator, classpath()));
		command.add(main.getName());
		command.addAll(Arrays.asList(args));
		return command;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A child process that answers commands on stdin with lines on stdout. */
	static final class Child implements AutoCloseable {

		private final String name;

		private final Process process;

		private final BufferedReader out;

		private final Writer in;

		private final Path stderr;

		Child(String name, List<String> command, Map<String, String> environment, Path directory) {
			this.name = name;
			try {
				this.stderr = Files.createTempFile("kv-bench-" + name.replaceAll("\\W", "-"), ".err");
				ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
					.redirectError(this.stderr.toFile());
				builder.environment().putAll(environment);
				this.process = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start " + name + " (" + command.get(0) + ")", ex);
			}
			this.out = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
			this.in = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		}

		/** @return the next line that starts with {@code prefix}, skipping others (logs) */
		String awaitLine(String prefix) {
			CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
				try {
					for (String next = this.out.readLine(); next != null; next = this.out.readLine()) {
						if (next.startsWith(prefix)) {
							return next;
						}
					}
					return null;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			String found;
			try {
				found = line.get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				this.process.destroyForcibly();
				throw new IllegalStateException(this.name + " did not answer within " + ANSWER_TIMEOUT + ": " + ex
						+ "; stderr: " + tail(), ex);
			}
			if (found == null) {
				throw new IllegalStateException(this.name + " ended (exit " + exitCode() + "); stderr: " + tail());
			}
			return found;
		}

		/** Sends a command and returns the JSON line it is answered with. */
		JsonNode ask(String command) {
			send(command);
			JsonNode answer = JSON.readTree(awaitLine("{"));
			if (answer.has("error")) {
				throw new IllegalStateException(this.name + " failed '" + command + "': " + answer.get("error").asString());
			}
			return answer;
		}

		void send(String command) {
			try {
				this.in.write(command + "\n");
				this.in.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(this.name + " is gone; stderr: " + tail(), ex);
			}
		}

		long pid() {
			return this.process.pid();
		}

		private String exitCode() {
			try {
				return this.process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(this.process.exitValue()) : "running";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "unknown";
			}
		}

		String tail() {
			String text = read(this.stderr);
			return (text.length() > 4000) ? "…" + text.substring(text.length() - 4000) : text;
		}

		@Override
		public void close() {
			try {
				this.in.close();
			}
			catch (IOException ex) {
				// already gone
			}
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroy();
					if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
						this.process.destroyForcibly();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
			try {
				Files.deleteIfExists(this.stderr);
			}
			catch (IOException ex) {
				// a temporary file
			}
		}

	}

	/** The emulator in its own JVM. */
	static final class Emulator implements AutoCloseable {

		private final Child child;

		private final URI baseUrl;

		Emulator(String... args) {
			this.child = new Child("emulator", java(List.of("-Xmx1g", "-XX:+UseParallelGC"), EmulatorServer.class, args),
					Map.of(), Path.of("."));
			this.baseUrl = URI.create(this.child.awaitLine("url ").substring(4));
		}

		URI baseUrl() {
			return this.baseUrl;
		}

		void latency(long millis) {
			this.child.send("latency " + millis);
			this.child.awaitLine("ok");
		}

		@Override
		public void close() {
			this.child.close();
		}

	}

	/** A Node driver of {@code js/} that serves {@code run <op> <callers> <millis>} (ops-loop.mjs). */
	static final class NodeDriver implements AutoCloseable {

		private final Child child;

		NodeDriver(String script, Map<String, String> environment) {
			this.child = new Child(script, List.of("node", script), environment, jsDirectory());
			this.child.awaitLine("{\"ready\"");
		}

		/** @return the loop's result (ops, millis, cpuMicros, p50Micros) */
		JsonNode run(String operation, int callers, Duration duration) {
			return this.child.ask("run " + operation + " " + callers + " " + duration.toMillis());
		}

		@Override
		public void close() {
			this.child.send("quit");
			this.child.close();
		}

	}

}
