package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom the REST client reaches Workers KV in remote mode.
 *
 * <p>The auto-configuration adapts {@code cloudflare.kv.*} when {@code cloudflare.kv.mode=remote} and no bean
 * of this type exists. Define a bean of your own (test support, a service connection, a secrets manager) to
 * supply them instead: its presence switches the auto-configuration to remote mode whatever
 * {@code cloudflare.kv.mode} says. The bean must be registered before the auto-configuration runs, that is by
 * the application's own configuration or by an auto-configuration ordered before
 * {@link KVAutoConfiguration}. Namespace ids and HTTP timeouts still come from the properties.
 */
public interface KVConnectionDetails extends ConnectionDetails {

	/**
	 * The API's base URL, {@code /client/v4} included.
	 * @return the base URL; Cloudflare's, {@value CloudflareKVConfig#DEFAULT_BASE_URL}, unless overridden
	 */
	default String getBaseUrl() {
		return CloudflareKVConfig.DEFAULT_BASE_URL;
	}

	/**
	 * The Cloudflare account that owns the namespaces.
	 * @return the account id
	 */
	String getAccountId();

	/**
	 * How to authenticate. Implementations must not show the secret in {@code toString()}.
	 * @return an API token or a global API key with its email
	 */
	Credentials getCredentials();

	/**
	 * Fixed connection details, for test support and service connections.
	 * @param baseUrl the API's base URL, {@code /client/v4} included
	 * @param accountId the account id
	 * @param credentials an API token or a global API key with its email
	 * @return the connection details; their {@code toString()} masks the secret
	 */
	static KVConnectionDetails of(String baseUrl, String accountId, Credentials credentials) {
		return new FixedKVConnectionDetails(baseUrl, accountId, credentials);
	}

}
