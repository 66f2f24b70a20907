package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfigException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrangler configuration file that cannot be read: which file, why, and the ways out. */
class WranglerConfigFailureAnalyzer extends AbstractFailureAnalyzer<WranglerConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WranglerConfigException cause) {
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
