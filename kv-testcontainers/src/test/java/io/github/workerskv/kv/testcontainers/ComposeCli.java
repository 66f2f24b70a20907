package io.github.workerskv.kv.testcontainers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} and Docker Compose command lines, for the Docker Compose tests: every call bounded in time,
 * its output kept for failure messages.
 */
final class ComposeCli {

	private ComposeCli() {
	}

	/** @return the Compose command that answers here ({@code docker compose}, else {@code docker-compose}), if any */
	static List<String> composeCommand() {
		for (List<String> command : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
			List<String> version = new ArrayList<>(command);
			version.add("version");
			try {
				if (run(version, Duration.ofSeconds(30)).ok()) {
					return command;
				}
			}
			catch (UncheckedIOException ex) {
				// no such program
			}
		}
		return List.of();
	}

	/**
	 * @return whether {@code docker compose version --format json} answers JSON, as Spring Boot's Docker Compose
	 * support requires (Compose v2)
	 */
	static boolean composeV2() {
		for (List<String> command : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
			List<String> version = new ArrayList<>(command);
			version.addAll(List.of("version", "--format", "json"));
			try {
				Result result = run(version, Duration.ofSeconds(30));
				if (result.ok() && result.output().strip().startsWith("{")) {
					return true;
				}
			}
			catch (UncheckedIOException ex) {
				// no such program
			}
		}
		return false;
	}

	/** Runs a command, failing unless it succeeds. */
	static String ok(List<String> command, Duration timeout) {
		Result result = run(command, timeout);
		if (!result.ok()) {
			throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "): "
					+ result.output());
		}
		return result.output().strip();
	}

	static Result run(List<String> command, Duration timeout) {
		return run(command, null, timeout);
	}

	static Result run(List<String> command, File directory, Duration timeout) {
		try {
			Path output = Files.createTempFile("compose-", ".out");
			try {
				ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.directory(directory);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " took over " + timeout);
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String output) {

		boolean ok() {
			return this.exitCode == 0;
		}

	}

}
