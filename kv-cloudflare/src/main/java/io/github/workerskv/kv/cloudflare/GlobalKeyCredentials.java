package io.github.workerskv.kv.cloudflare;

import java.util.function.BiConsumer;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** {@code X-Auth-Email} and {@code X-Auth-Key}. */
final class GlobalKeyCredentials implements Credentials, HeaderAuthentication {

	private final String email;

	private final String apiKey;

	GlobalKeyCredentials(String email, String apiKey) {
		this.email = Secrets.checkHeaderValue(email, "Email");
		this.apiKey = Secrets.checkHeaderValue(apiKey, "Global API key");
	}

	@Override
	public void authenticate(BiConsumer<String, String> header) {
		header.accept("X-Auth-Email", this.email);
		header.accept("X-Auth-Key", this.apiKey);
	}

	@Override
	public String redact(String text) {
		return Secrets.redact(text, this.apiKey);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof GlobalKeyCredentials that && this.email.equals(that.email)
				&& this.apiKey.equals(that.apiKey));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.email, this.apiKey);
	}

	@Override
	public String toString() {
		return "Credentials.globalKey(email=" + this.email + ", key=" + Secrets.MASK + ")";
	}

}
