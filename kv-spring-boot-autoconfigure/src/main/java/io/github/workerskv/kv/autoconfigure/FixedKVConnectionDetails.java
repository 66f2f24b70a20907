package io.github.workerskv.kv.autoconfigure;

import java.util.Objects;

import io.github.workerskv.kv.cloudflare.Credentials;

/**
 * {@link KVConnectionDetails} given as values. {@link Credentials#toString()} masks the secret, and so
 * does this record's.
 */
record FixedKVConnectionDetails(String baseUrl, String accountId, Credentials credentials)
		implements KVConnectionDetails {

	FixedKVConnectionDetails {
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		Objects.requireNonNull(accountId, "accountId must not be null");
		Objects.requireNonNull(credentials, "credentials must not be null");
	}

	@Override
	public String getBaseUrl() {
		return this.baseUrl;
	}

	@Override
	public String getAccountId() {
		return this.accountId;
	}

	@Override
	public Credentials getCredentials() {
		return this.credentials;
	}

}
