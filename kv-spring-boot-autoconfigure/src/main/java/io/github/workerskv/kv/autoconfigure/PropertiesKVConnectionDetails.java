package io.github.workerskv.kv.autoconfigure;


import io.github.workerskv.kv.autoconfigure.IncompleteConnectionPropertiesException.Missing;
import io.github.workerskv.kv.cloudflare.Credentials;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * {@link KVConnectionDetails} from {@code cloudflare.kv.*}, each falling back to the environment variable
 * wrangler reads. Checked when created, so that remote mode fails at start-up, not on the first request; the
 * base URL is checked by the client's configuration, when the client is created at start-up.
 *
 * <p>Credentials: an explicit {@code api-token} wins; else an explicit {@code api-key} or {@code email}
 * selects a global key, its partner read from the property or its variable; else
 * {@code CLOUDFLARE_API_TOKEN}; else {@code CLOUDFLARE_API_KEY} with {@code CLOUDFLARE_EMAIL}.
 */
final class PropertiesKVConnectionDetails implements KVConnectionDetails {

	static final String ACCOUNT_ID_VARIABLE = "CLOUDFLARE_ACCOUNT_ID";

	static final String API_TOKEN_VARIABLE = "CLOUDFLARE_API_TOKEN";

	static final String API_KEY_VARIABLE = "CLOUDFLARE_API_KEY";

	static final String EMAIL_VARIABLE = "CLOUDFLARE_EMAIL";

	private final String baseUrl;

	private final String accountId;

	private final Credentials credentials;

	/**
	 * @param properties the properties
	 * @param environment where the fallback variables are looked up
	 * @throws IncompleteConnectionPropertiesException if the account id or the credentials are missing
	 */
	PropertiesKVConnectionDetails(KVProperties properties, PropertyResolver environment) {
		this(properties, environment::getProperty);
	}

	/**
	 * @param properties the properties
	 * @param variables the fallback variables by name, for use before an {@code Environment} exists
	 * @throws IncompleteConnectionPropertiesException if the account id or the credentials are missing
	 */
	PropertiesKVConnectionDetails(KVProperties properties, Function<String, @Nullable String> variables) {
		this.baseUrl = properties.getBaseUrl();
		String accountId = text(properties.getAccountId(), variables.apply(ACCOUNT_ID_VARIABLE));
		if (accountId == null) {
			throw new IncompleteConnectionPropertiesException(Missing.ACCOUNT_ID);
		}
		this.accountId = accountId;
		this.credentials = credentials(properties, variables);
	}

	private static Credentials credentials(KVProperties properties, Function<String, @Nullable String> variables) {
		String token = text(properties.getApiToken(), null);
		String key = text(properties.getApiKey(), null);
		String email = text(properties.getEmail(), null);
		if (token == null && key == null && email == null) {
			token = text(variables.apply(API_TOKEN_VARIABLE), null);
		}
		if (token == null) {
			key = text(key, variables.apply(API_KEY_VARIABLE));
			email = text(email, variables.apply(EMAIL_VARIABLE));
		}
		try {
			if (token != null) {
				return Credentials.apiToken(token);
			}
			if (key != null && email != null) {
				return Credentials.globalKey(email, key);
			}
		}
		catch (IllegalArgumentException ex) {
			// kv-core's message names what is wrong with the value, never the value itself.
			String property = (token != null) ? "api-token" : "api-key` or `" + KVProperties.PREFIX + ".email";
			throw new IllegalStateException("Invalid `" + KVProperties.PREFIX + "." + property + "`: " + ex.getMessage(),
					ex);
		}
		throw new IncompleteConnectionPropertiesException(
				(key != null) ? Missing.EMAIL : (email != null) ? Missing.API_KEY : Missing.CREDENTIALS);
	}

	private static @Nullable String text(@Nullable String value, @Nullable String fallback) {
		return StringUtils.hasText(value) ? value : StringUtils.hasText(fallback) ? fallback : null;
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
		return "PropertiesKVConnectionDetails[baseUrl=" + this.baseUrl + ", accountId=" + this.accountId
				+ ", credentials=" + this.credentials + "]";
	}

}
