package io.github.workerskv.kv.cloudflare;

/**
 * How the client authenticates to Cloudflare's API: an API token (preferred) or the legacy pair of
 * account email and global API key.
 *
 * <p>A token needs the "Workers KV Storage Read" permission for reads and "Workers KV Storage Write"
 * for writes and namespace management. The secret is never shown: {@code toString()} masks it, and no
 * log line or exception message contains it.
 */
public sealed interface Credentials permits ApiTokenCredentials, GlobalKeyCredentials {

	/**
	 * An API token, sent as {@code Authorization: Bearer <token>}.
	 * @param token the token, printable ASCII without spaces
	 * @return the credentials
	 * @throws IllegalArgumentException if the token is empty or holds characters a header cannot carry
	 */
	static Credentials apiToken(String token) {
		return new ApiTokenCredentials(token);
	}

	/**
	 * The legacy global API key with its account email, sent as {@code X-Auth-Email} and
	 * {@code X-Auth-Key}. Prefer {@link #apiToken(String)}: a global key grants everything the account can do.
	 * @param email the account's email address
	 * @param apiKey the global API key, printable ASCII without spaces
	 * @return the credentials
	 * @throws IllegalArgumentException if either is empty or holds characters a header cannot carry
	 */
	static Credentials globalKey(String email, String apiKey) {
		return new GlobalKeyCredentials(email, apiKey);
	}

}
