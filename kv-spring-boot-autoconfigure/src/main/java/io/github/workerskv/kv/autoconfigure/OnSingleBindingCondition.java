package io.github.workerskv.kv.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when exactly one binding is configured under {@code cloudflare.kv.namespaces}. Binds the
 * map itself, because {@link KVProperties} is not bound yet when conditions are evaluated.
 */
class OnSingleBindingCondition extends SpringBootCondition {

	private static final Bindable<Map<String, KVProperties.Namespace>> BINDINGS = Bindable.mapOf(String.class,
			KVProperties.Namespace.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Single KV binding");
		Map<String, KVProperties.Namespace> bindings = Binder.get(context.getEnvironment())
			.bind("cloudflare.kv.namespaces", BINDINGS)
			.orElse(Map.of());
		if (bindings.isEmpty()) {
			return ConditionOutcome.noMatch(message.didNotFind("cloudflare.kv.namespaces binding").atAll());
		}
		if (bindings.size() > 1) {
			return ConditionOutcome.noMatch(message.found("cloudflare.kv.namespaces bindings").items(bindings.keySet()));
		}
		return ConditionOutcome.match(message.found("cloudflare.kv.namespaces binding").items(bindings.keySet()));
	}

}
