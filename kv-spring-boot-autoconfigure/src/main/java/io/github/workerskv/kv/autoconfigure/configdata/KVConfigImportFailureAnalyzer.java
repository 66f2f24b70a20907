package io.github.workerskv.kv.autoconfigure.configdata;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A {@code cloudflare-kv:} import that failed: the location, the key, and what to change. */
class KVConfigImportFailureAnalyzer extends AbstractFailureAnalyzer<KVConfigImportException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KVConfigImportException cause) {
		String location = cause.location();
		return switch (cause.problem()) {
			case INVALID_LOCATION -> new FailureAnalysis(cause.getMessage(),
					"Write the location in `spring.config.import` as `cloudflare-kv:BINDING/prefix/` to import every "
							+ "key under a prefix, one property each, or as `cloudflare-kv:BINDING/key.yaml` (or "
							+ ".yml, .properties, .json) to import one document.",
					cause);
			case UNAVAILABLE -> new FailureAnalysis(cause.getMessage(),
					"Check that Workers KV is reachable with the `cloudflare.kv.*` settings (`base-url`, `account-id`, "
							+ "the credentials and the namespace id of the binding), or write the location as `optional:"
							+ location + "` to start without it when KV cannot be read.",
					cause);
			case MALFORMED_DOCUMENT -> new FailureAnalysis(cause.getMessage(),
					"Fix the value of the key '" + cause.key() + "' in KV, or change its name's extension to the "
							+ "format it is written in.",
					cause);
		};
	}

}
