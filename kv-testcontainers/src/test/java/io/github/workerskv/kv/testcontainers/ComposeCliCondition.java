package io.github.workerskv.kv.testcontainers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a class, saying why, where no Docker Compose CLI ({@code docker compose} or {@code docker-compose}) is
 * installed; with {@code KV_CONTAINER_TESTS=required} (CI, which installs Debian's {@code docker-compose}) that
 * fails the class instead.
 */
final class ComposeCliCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent()) {
			return ConditionEvaluationResult.enabled("the class's condition decides");
		}
		if (!ComposeCli.composeCommand().isEmpty()) {
			return ConditionEvaluationResult.enabled("a Compose CLI answers");
		}
		String problem = "no Docker Compose CLI (docker compose, docker-compose); Debian: apt-get install docker-compose";
		if (ContainerTestCondition.required()) {
			throw new IllegalStateException(ContainerTestCondition.REQUIRED_VARIABLE + "=required, but " + problem);
		}
		String reason = "Docker Compose not available, skipped: " + problem;
		System.out.println("Container tests (" + context.getRequiredTestClass().getSimpleName() + "): " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

}
