package io.github.workerskv.kv.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs node programs from {@code kv-conformance/js} with a bounded timeout, capturing their output in
 * files (so a chatty process can never block on a full pipe). The environment starts from this
 * JVM's, minus every {@code CLOUDFLARE_}/{@code CF_} variable, so only what a test sets reaches the
 * client.
 */
final class NodeProcess {

	/** Where package.json, the lock file, node_modules and the drivers are. */
	static final Path JS_DIR = Path.of(System.getProperty("kv.conformance.js", "js")).toAbsolutePath().normalize();

	private NodeProcess() {
	}

	/**
	 * @param command the command line
	 * @param environment variables to add
	 * @param workDir the working directory
	 * @param timeout how long the process may run before it (and its children) are killed
	 * @return what it did
	 */
	static Result run(List<String> command, Map<String, String> environment, Path workDir, Duration timeout) {
		try {
			Path stdout = Files.createTempFile(workDir, "stdout", ".bin");
			Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
				.redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile());
			builder.environment().keySet().removeIf((name) -> name.startsWith("CLOUDFLARE_") || name.startsWith("CF_"));
			builder.environment().putAll(environment);
			long started = System.nanoTime();
			Process process = builder.start();
			boolean finished;
			try {
				finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			finally {
				if (process.isAlive()) {
					process.descendants().forEach(ProcessHandle::destroyForcibly);
					process.destroyForcibly();
					process.waitFor(10, TimeUnit.SECONDS);
				}
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			return new Result(String.join(" ", command), finished ? process.exitValue() : -1, !finished,
					Files.readAllBytes(stdout), Files.readString(stderr, StandardCharsets.UTF_8), took);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a process did.
	 * @param command the command line (never holds a secret: tokens travel in the environment)
	 * @param exitCode its exit status, -1 if it was killed
	 * @param timedOut whether it was killed for running too long
	 * @param stdout its standard output, raw
	 * @param stderr its error output
	 * @param took how long it ran
	 */
	record Result(String command, int exitCode, boolean timedOut, byte[] stdout, String stderr, Duration took) {

		String out() {
			return new String(this.stdout, StandardCharsets.UTF_8);
		}

		/** @return everything the process printed, for assertion messages */
		String describe() {
			return "\n$ " + this.command + "\nexit " + this.exitCode + (this.timedOut ? " (timed out)" : "") + " after "
					+ this.took.toMillis() + " ms\n--- stdout ---\n" + abbreviate(out()) + "\n--- stderr ---\n"
					+ abbreviate(this.stderr);
		}

		private static String abbreviate(String text) {
			return (text.length() <= 8000) ? text
					: text.substring(0, 4000) + "\n[... " + (text.length() - 8000) + " characters ...]\n"
							+ text.substring(text.length() - 4000);
		}

	}

}
