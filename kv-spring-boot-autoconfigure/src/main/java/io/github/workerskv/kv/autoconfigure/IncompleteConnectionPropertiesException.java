package io.github.workerskv.kv.autoconfigure;

import java.io.Serial;

/**
 * Remote mode lacks an account id or credentials in {@code cloudflare.kv.*} and in wrangler's environment
 * variables. Reported by {@link IncompleteConnectionPropertiesFailureAnalyzer}. The message never holds a
 * secret.
 */
final class IncompleteConnectionPropertiesException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Missing missing;

	IncompleteConnectionPropertiesException(Missing missing) {
		super(missing.message);
		this.missing = missing;
	}

	Missing missing() {
		return this.missing;
	}

	/** What is missing. */
	enum Missing {

		/** No account id. */
		ACCOUNT_ID("Remote mode needs a Cloudflare account id; set " + KVProperties.PREFIX + ".account-id"),

		/** Neither an API token nor a global API key. */
		CREDENTIALS("Remote mode needs an API token; set " + KVProperties.PREFIX + ".api-token"),

		/** A global API key without its email. */
		EMAIL("A global API key needs its account's email; set " + KVProperties.PREFIX + ".email"),

		/** An email without a global API key. */
		API_KEY("An email is set without a global API key; set " + KVProperties.PREFIX + ".api-key");

		private final String message;

		Missing(String message) {
			this.message = message;
		}

	}

}
