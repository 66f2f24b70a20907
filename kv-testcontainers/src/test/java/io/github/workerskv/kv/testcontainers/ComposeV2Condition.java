package io.github.workerskv.kv.testcontainers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes of Spring Boot's Docker Compose support, which drives the Compose v2 CLI: the class runs where
 * {@code docker compose} or {@code docker-compose} answers {@code version --format json} with JSON, as Boot asks
 * it. Elsewhere it is skipped and says why, unless {@code KV_CONTAINER_TESTS=required} (CI, where {@code .ci/run}
 * installs Compose v2), where that fails the class instead. Register it after {@link ContainerTestCondition}.
 */
final class ComposeV2Condition implements ExecutionCondition {

	private static final List<List<String>> COMPOSE_COMMANDS = List.of(List.of("docker", "compose"),
			List.of("docker-compose"));

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent()) {
			return ConditionEvaluationResult.enabled("the class's condition decides");
		}
		Optional<String> version = composeV2Version();
		if (version.isPresent()) {
			return ConditionEvaluationResult.enabled("Compose v2 answers: " + version.get());
		}
		String problem = "neither `docker compose version --format json` nor `docker-compose version --format json` "
				+ "answers JSON, and Spring Boot's Docker Compose support needs it: install Compose v2 (Docker's "
				+ "compose plugin; Debian 13's docker-compose package, which Debian 12 can install from trixie as "
				+ ".ci/run does; Debian 12's own docker-compose 1.29.2 is too old)";
		if (ContainerTestCondition.required()) {
			throw new IllegalStateException("Compose v2 not available, but " + ContainerTestCondition.REQUIRED_VARIABLE
					+ "=required: " + problem);
		}
		String reason = "Compose v2 not available, skipped: " + problem;
		System.out.println("Container tests (" + context.getRequiredTestClass().getSimpleName() + "): " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

	/** @return what the first Compose command that answers as Compose v2 printed, if one does */
	private static Optional<String> composeV2Version() {
		for (List<String> compose : COMPOSE_COMMANDS) {
			List<String> command = new ArrayList<>(compose);
			command.addAll(List.of("version", "--format", "json"));
			Optional<String> output = output(command).map(String::strip).filter((json) -> json.startsWith("{"));
			if (output.isPresent()) {
				return output;
			}
		}
		return Optional.empty();
	}

	/** @return what the command printed, if it ran and succeeded within {@link #TIMEOUT} */
	private static Optional<String> output(List<String> command) {
		Path output = null;
		try {
			output = Files.createTempFile("compose-version-", ".out");
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return Optional.empty();
			}
			return (process.exitValue() == 0) ? Optional.of(Files.readString(output, StandardCharsets.UTF_8))
					: Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty(); // no such program
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		finally {
			if (output != null) {
				output.toFile().delete();
			}
		}
	}

}
