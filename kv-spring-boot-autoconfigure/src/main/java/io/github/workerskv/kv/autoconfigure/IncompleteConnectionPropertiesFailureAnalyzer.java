package io.github.workerskv.kv.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Remote mode without an account id or credentials: which property (or variable) to set. */
class IncompleteConnectionPropertiesFailureAnalyzer
		extends AbstractFailureAnalyzer<IncompleteConnectionPropertiesException> {

	private static final String P = KVProperties.PREFIX;

	private static final String LOCAL = ", or switch to `" + P + ".mode=local` to use the embedded store.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, IncompleteConnectionPropertiesException cause) {
		return switch (cause.missing()) {
			case ACCOUNT_ID -> new FailureAnalysis(
					"Workers KV is in remote mode (`" + P + ".mode=remote`) but no Cloudflare account id is set.",
					"Set `" + P + ".account-id` (or the environment variable "
							+ PropertiesKVConnectionDetails.ACCOUNT_ID_VARIABLE
							+ ") to the account id shown in the Cloudflare dashboard" + LOCAL,
					cause);
			case CREDENTIALS -> new FailureAnalysis(
					"Workers KV is in remote mode (`" + P + ".mode=remote`) but no Cloudflare API credentials are set.",
					"Set `" + P + ".api-token` (or " + PropertiesKVConnectionDetails.API_TOKEN_VARIABLE
							+ ") to an API token with the Workers KV Storage permissions, or set `" + P
							+ ".api-key` and `" + P + ".email` (or " + PropertiesKVConnectionDetails.API_KEY_VARIABLE
							+ " and " + PropertiesKVConnectionDetails.EMAIL_VARIABLE + ") to a global API key and its "
							+ "account's email" + LOCAL,
					cause);
			case EMAIL -> new FailureAnalysis(
					"A Cloudflare global API key is set (`" + P + ".api-key`) but not the email of its account, "
							+ "which Cloudflare requires with it.",
					"Set `" + P + ".email` (or " + PropertiesKVConnectionDetails.EMAIL_VARIABLE
							+ ") to the account's email, or replace the global key with `" + P + ".api-token`.",
					cause);
			case API_KEY -> new FailureAnalysis(
					"An email for a Cloudflare global API key is set (`" + P
							+ ".email`) but neither a global API key nor an API token.",
					"Set `" + P + ".api-key` (or " + PropertiesKVConnectionDetails.API_KEY_VARIABLE
							+ ") to the account's global API key, or set `" + P
							+ ".api-token` and remove the email" + LOCAL,
					cause);
		};
	}

}
