package io.github.workerskv.kv.test;

import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.Credentials;

/** The emulator's base URL, account and token. {@link #toString()} shows the credentials masked. */
final class EmulatorKVConnectionDetails implements KVConnectionDetails {

	private final String baseUrl;

	private final String accountId;

	private final Credentials credentials;

	EmulatorKVConnectionDetails(String baseUrl, String accountId, Credentials credentials) {
		this.baseUrl = baseUrl;
		this.accountId = accountId;
		this.credentials = credentials;
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

	@Override
	public String toString() {
		return "KV emulator at " + this.baseUrl + " (account " + this.accountId + ", " + this.credentials + ")";
	}

}
