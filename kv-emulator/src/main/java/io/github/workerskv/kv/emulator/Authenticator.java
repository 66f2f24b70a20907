package io.github.workerskv.kv.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Checks credentials against the configured tokens: {@code Authorization: Bearer <token>}, or
 * {@code X-Auth-Key: <token>} with any non-blank {@code X-Auth-Email}. Tokens are compared in
 * constant time and never appear in messages or logs. With no tokens configured every request passes.
 */
final class Authenticator {

	/** The result of a check. */
	enum Outcome {

		/** Valid credentials, or authentication is open. */
		ACCEPTED,

		/** No credentials at all. */
		MISSING,

		/** Credentials that match no configured token. */
		REJECTED

	}

	private final List<byte[]> tokens;

	Authenticator(Set<String> tokens) {
		this.tokens = tokens.stream().map((token) -> token.getBytes(StandardCharsets.UTF_8)).toList();
	}

	/** @return whether every request is accepted because no token is configured */
	boolean isOpen() {
		return this.tokens.isEmpty();
	}

	/**
	 * @param authorization the {@code Authorization} header
	 * @param authKey the {@code X-Auth-Key} header
	 * @param authEmail the {@code X-Auth-Email} header
	 * @return whether the request may proceed
	 */
	Outcome check(@Nullable String authorization, @Nullable String authKey, @Nullable String authEmail) {
		if (isOpen()) {
			return Outcome.ACCEPTED;
		}
		String bearer = bearerToken(authorization);
		if (bearer != null) {
			return isValid(bearer) ? Outcome.ACCEPTED : Outcome.REJECTED;
		}
		if (authKey != null && !authKey.isBlank()) {
			return (authEmail != null && !authEmail.isBlank() && isValid(authKey)) ? Outcome.ACCEPTED
					: Outcome.REJECTED;
		}
		return (authorization != null || authEmail != null) ? Outcome.REJECTED : Outcome.MISSING;
	}

	/**
	 * @param authorization the {@code Authorization} header
	 * @return whether it carries a valid bearer token (always true when authentication is open)
	 */
	boolean isValidBearer(@Nullable String authorization) {
		if (isOpen()) {
			return true;
		}
		String bearer = bearerToken(authorization);
		return bearer != null && isValid(bearer);
	}

	private boolean isValid(String candidate) {
		byte[] bytes = candidate.getBytes(StandardCharsets.UTF_8);
		boolean valid = false;
		for (byte[] token : this.tokens) {
			valid |= MessageDigest.isEqual(token, bytes);
		}
		return valid;
	}

	private static @Nullable String bearerToken(@Nullable String authorization) {
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
			return null;
		}
		String token = authorization.substring("bearer ".length()).trim();
		return token.isEmpty() ? null : token;
	}

	@Override
	public String toString() {
		return "Authenticator[" + (isOpen() ? "open" : this.tokens.size() + " token(s)") + "]";
	}

}
