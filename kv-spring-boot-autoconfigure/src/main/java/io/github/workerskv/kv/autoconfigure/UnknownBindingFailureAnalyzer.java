package io.github.workerskv.kv.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A binding name that nothing binds: how to bind it, or which names exist. */
class UnknownBindingFailureAnalyzer extends AbstractFailureAnalyzer<UnknownBindingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownBindingException cause) {
		String binding = cause.binding();
		String referencing = cause.referencingProperty();
		String known = cause.knownBindings().isEmpty() ? "No KV bindings are configured."
				: "Known bindings: " + String.join(", ", cause.knownBindings()) + ".";
		String description = ((referencing != null) ? "`" + referencing + "` names the KV binding '" + binding
				+ "', but no KV namespace is bound under that name. "
				: "No KV namespace is bound as '" + binding + "'. ") + known;
		String action = "Bind it by setting `" + KVProperties.PREFIX + ".namespaces." + binding
				+ ".id` (or with an entry in the kv_namespaces of the file named by `" + KVProperties.PREFIX
				+ ".wrangler-config`)";
		if (!cause.knownBindings().isEmpty()) {
			action += ", or " + ((referencing != null) ? "change `" + referencing + "` to" : "use")
					+ " one of the known bindings";
		}
		return new FailureAnalysis(description, action + ".", cause);
	}

}
