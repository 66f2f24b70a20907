package io.github.workerskv.kv.autoconfigure.cache;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.cache.type} is not set: setting it (to {@code none} in tests, or to another cache)
 * hands caching to Spring Boot's own configuration.
 */
class OnCacheTypeUnsetCondition extends SpringBootCondition {

	static final String PROPERTY = "spring.cache.type";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return Binder.get(context.getEnvironment())
			.bind(PROPERTY, String.class)
			.map((type) -> ConditionOutcome.noMatch(PROPERTY + " is set to '" + type + "'"))
			.orElseGet(() -> ConditionOutcome.match(PROPERTY + " is not set"));
	}

}
