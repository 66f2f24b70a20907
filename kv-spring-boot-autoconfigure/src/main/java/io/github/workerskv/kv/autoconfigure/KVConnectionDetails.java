package io.github.workerskv.kv.autoconfigure;

import java.util.Map;
import java.util.Set;

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
 * {@link KVAutoConfiguration}. Namespace ids come from the properties unless {@link #getNamespaceIds(Set)}
 * gives them; HTTP timeouts always do.
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
	 * The namespaces that these connection details give the application's bindings, in place of the ids
	 * and preview ids configured for them. Connection details to Cloudflare give none (the default): the
	 * configured ids are used. Connection details to a KV emulator started for the application (a
	 * Testcontainers container, a Docker Compose service) give each binding a namespace of that emulator, which
	 * chooses its own ids, so that {@code cloudflare.kv.namespaces.<binding>.id} need not name one.
	 *
	 * <p>Asked in remote mode when the client and the namespaces are created, with the bindings the application
	 * declares (in {@code cloudflare.kv.namespaces} and the wrangler file); may be asked more than once and must
	 * answer the same. A binding that the application does not declare is not created by an answer here.
	 * @param bindings the binding names
	 * @return namespace ids (32 lowercase hexadecimal characters) by binding name, for some or all of them
	 */
	default Map<String, String> getNamespaceIds(Set<String> bindings) {
		return Map.of();
	}

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
