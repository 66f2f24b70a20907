package io.github.workerskv.kv.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, for the tests of the container image: every call bounded in time,
 * its output kept for failure messages. Secrets go in through {@code env} (the CLI reads
 * {@code -e NAME} from its own environment), never as arguments.
 */
final class DockerCli {

	/** What the image tests need to run, and what they do when it is missing. */
	static final String REQUIRED_VARIABLE = "KV_CONTAINER_TESTS";

	private DockerCli() {
	}

	/** @return whether {@code KV_CONTAINER_TESTS=required}: CI, where a skipped container test is a failure */
	static boolean required() {
		return "required".equals(System.getenv(REQUIRED_VARIABLE));
	}

	/** @return why Docker cannot be used, or {@code null} if a daemon answers */
	static String unavailable() {
		try {
			Result version = run(List.of("version", "--format", "{{.Server.Version}}"), Map.of(), Duration.ofSeconds(30));
			return version.ok() ? null : "`docker version` failed: " + version.output().strip();
		}
		catch (UncheckedIOException ex) {
			return "no docker command (" + ex.getCause().getMessage() + ")";
		}
	}

	/**
	 * @param args the arguments after {@code docker}
	 * @param env variables added to the CLI's environment
	 * @param timeout how long it may take before it is killed and the test fails
	 * @return the exit status and the output (stdout and stderr)
	 */
	static Result run(List<String> args, Map<String, String> env, Duration timeout) {
		List<String> command = new ArrayList<>();
		command.add("docker");
		command.addAll(args);
		try {
			Path output = Files.createTempFile("docker-", ".out");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().putAll(env);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("docker " + String.join(" ", args) + " took over " + timeout);
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

	/** Like {@link #run} with a minute to spare, failing unless the command succeeds. */
	static String ok(String... args) {
		return ok(Map.of(), args);
	}

	static String ok(Map<String, String> env, String... args) {
		Result result = run(List.of(args), env, Duration.ofMinutes(1));
		if (!result.ok()) {
			throw new IllegalStateException("docker " + String.join(" ", args) + " failed (" + result.exitCode()
					+ "): " + result.output());
		}
		return result.output().strip();
	}

	/**
	 * @param exitCode the exit status
	 * @param output stdout and stderr
	 */
	record Result(int exitCode, String output) {

		boolean ok() {
			return this.exitCode == 0;
		}

	}

}
