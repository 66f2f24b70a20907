package io.github.workerskv.kv.cloudflare;

import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/** {@code Authorization: Bearer <token>}. */
final class ApiTokenCredentials implements Credentials, HeaderAuthentication {

	private final String token;

	/** The header value, built once rather than per request. */
	private final String authorization;

	ApiTokenCredentials(String token) {
		this.token = Secrets.checkHeaderValue(token, "API token");
		this.authorization = "Bearer " + this.token;
	}

	@Override
	public void authenticate(BiConsumer<String, String> header) {
		header.accept("Authorization", this.authorization);
	}

	@Override
	public String redact(String text) {
		return Secrets.redact(text, this.token);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ApiTokenCredentials that && this.token.equals(that.token));
	}

	@Override
	public int hashCode() {
		return this.token.hashCode();
	}

	@Override
	public String toString() {
		return "Credentials.apiToken(" + Secrets.MASK + ")";
	}

}
