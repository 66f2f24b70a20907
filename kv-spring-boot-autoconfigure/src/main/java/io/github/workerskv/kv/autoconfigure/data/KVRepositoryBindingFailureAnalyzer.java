package io.github.workerskv.kv.autoconfigure.data;

import java.util.List;

import io.github.workerskv.kv.spring.data.repository.config.KVRepositoryBindingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * KV repositories that cannot tell which namespace to use: none is bound, several are and none is named, or the
 * binding named has no {@code KVNamespace} bean. Says which property to set. (Without {@code kv-spring-data} on
 * the class path this analyzer cannot load its exception type, and Spring Boot skips it.)
 */
class KVRepositoryBindingFailureAnalyzer extends AbstractFailureAnalyzer<KVRepositoryBindingException> {

	private static final String BINDING = KVRepositoriesProperties.PREFIX + ".binding";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KVRepositoryBindingException cause) {
		String binding = cause.getBinding();
		List<String> known = cause.getAvailableBindings();
		String knownText = String.join(", ", known);
		if (binding != null) {
			return new FailureAnalysis("KV repositories use the binding '" + binding
					+ "', but no KV namespace is bound under that name. " + (known.isEmpty()
							? "No KV bindings are configured." : "Known bindings: " + knownText + "."),
					"Bind it by setting `cloudflare.kv.namespaces." + binding + ".id`, or change the binding of "
							+ "@EnableKVRepositories (or of your KVRepositoryOptions bean)"
							+ (known.isEmpty() ? "." : " to one of the known bindings."),
					cause);
		}
		if (known.isEmpty()) {
			return new FailureAnalysis("KV repositories need a KV namespace for their entities, and no KV binding "
					+ "is configured.", "Bind a namespace by setting `cloudflare.kv.namespaces.<BINDING>.id` (or in "
							+ "the kv_namespaces of the file named by `cloudflare.kv.wrangler-config`), or set `"
							+ KVRepositoriesProperties.PREFIX + ".enabled=false` if the application has no KV "
							+ "repositories.",
					cause);
		}
		return new FailureAnalysis("KV repositories need one KV namespace for their entities, and " + known.size()
				+ " are bound (" + knownText + ") without one being named.",
				"Set `" + BINDING + "` to the binding that holds the entities (or the binding of "
						+ "@EnableKVRepositories, if you declare it).",
				cause);
	}

}
