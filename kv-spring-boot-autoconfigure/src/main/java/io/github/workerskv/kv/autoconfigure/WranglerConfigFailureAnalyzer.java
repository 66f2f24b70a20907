package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfigException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrangler configuration file that cannot be read: which file, why, and the ways out. */
class WranglerConfigFailureAnalyzer extends AbstractFailureAnalyzer<WranglerConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WranglerConfigException cause) {
		String environment = cause.environment();
		if (environment != null) {
			return new FailureAnalysis(
					"Cannot read the KV namespaces of the environment '" + environment + "' (set by `"
							+ WranglerConfigException.ENVIRONMENT_PROPERTY + "`) of the wrangler configuration file '"
							+ cause.path() + "' (set by `" + WranglerConfigException.PROPERTY + "`): " + cause.reason()
							+ ".",
					"Set `" + WranglerConfigException.ENVIRONMENT_PROPERTY + "` to an environment the file declares "
							+ "(its env.<name> sections, as `wrangler --env <name>` takes them), or add an env."
							+ environment + " section with its kv_namespaces to the file, or remove `"
							+ WranglerConfigException.ENVIRONMENT_PROPERTY + "` to read the top-level kv_namespaces.",
					cause);
		}
		return new FailureAnalysis(
				"Cannot read the KV namespaces of the wrangler configuration file '" + cause.path() + "' (set by `"
						+ WranglerConfigException.PROPERTY + "`): " + cause.reason() + ".",
				"Fix the file, or point `" + WranglerConfigException.PROPERTY
						+ "` at a readable wrangler.jsonc, wrangler.json or wrangler.toml, or remove `"
						+ WranglerConfigException.PROPERTY + "` and bind namespaces with `" + KVProperties.PREFIX
						+ ".namespaces.<BINDING>.id`.",
				cause);
	}

}
