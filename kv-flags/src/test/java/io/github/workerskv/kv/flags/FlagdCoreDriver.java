package io.github.workerskv.kv.flags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code js/evaluate-driver.mjs} (flagd-core, installed by the build from the committed lock file) on a batch
 * of cases, in one bounded node process whose input and output go through files.
 */
final class FlagdCoreDriver {

	static final Path JS_DIR = Path.of(System.getProperty("kv.flags.js", "js")).toAbsolutePath().normalize();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FlagdCoreDriver() {
	}

	/**
	 * @param input {@code {"documents": {...}, "cases": [...]}}
	 * @param timeout how long node may run
	 * @return the driver's answers, one array per case
	 */
	static JsonNode evaluate(JsonNode input, Duration timeout) {
		try {
			Path in = Files.createTempFile("flagd-cases", ".json");
			Path out = Files.createTempFile("flagd-answers", ".json");
			Path err = Files.createTempFile("flagd-errors", ".txt");
			try {
				JSON.writeValue(in.toFile(), input);
				Process process = new ProcessBuilder("node", "evaluate-driver.mjs").directory(JS_DIR.toFile())
					.redirectInput(in.toFile())
					.redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
					throw new IllegalStateException("flagd-core driver ran longer than " + timeout);
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(
							"flagd-core driver failed (" + process.exitValue() + "): " + Files.readString(err));
				}
				return JSON.readTree(out.toFile());
			}
			finally {
				Files.deleteIfExists(in);
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
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

}
