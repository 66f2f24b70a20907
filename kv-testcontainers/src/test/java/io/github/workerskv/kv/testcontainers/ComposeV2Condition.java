package io.github.workerskv.kv.testcontainers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a class, saying why, where no Compose v2 answers {@code docker compose version --format json}, which
 * Spring Boot's Docker Compose support needs. Skipped even in CI: Debian 12, which CI runs on, packages only
 * Compose 1.29.2 and no other registry CI reaches offers v2.
 */
final class ComposeV2Condition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isPresent()) {
			return ConditionEvaluationResult.enabled("the class's condition decides");
		}
		if (ComposeCli.composeV2()) {
			return ConditionEvaluationResult.enabled("Compose v2 answers");
		}
		String reason = "Compose v2 not available, skipped: Spring Boot's Docker Compose support needs "
				+ "`docker compose version --format json` to answer, and neither `docker compose` nor `docker-compose` "
				+ "here does (Debian 12 packages docker-compose 1.29.2)";
		System.out.println("Container tests (" + context.getRequiredTestClass().getSimpleName() + "): " + reason);
		return ConditionEvaluationResult.disabled(reason);
	}

}
