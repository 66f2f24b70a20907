package io.github.workerskv.kv.autoconfigure.actuate;

import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Cloudflare API token and global API key wherever the actuator shows them: the properties
 * {@code cloudflare.kv.api-token} and {@code cloudflare.kv.api-key} (in {@code /actuator/env} and, as
 * {@code apiToken}/{@code apiKey} of the {@code cloudflare.kv} bean, in {@code /actuator/configprops}) and
 * the environment variables wrangler reads ({@code CLOUDFLARE_API_TOKEN}, {@code CLOUDFLARE_API_KEY} and
 * their {@code CF_} aliases). Boot hides every value unless {@code show-values} is changed; this keeps
 * the credentials hidden when it is.
 */
final class KVCredentialsSanitizingFunction implements SanitizingFunction {

	private static final Set<String> KEYS = Set.of("cloudflare.kv.api-token", "cloudflare.kv.api-key",
			"cloudflare.kv.apitoken", "cloudflare.kv.apikey", "cloudflare_api_token", "cloudflare_api_key",
			"cf_api_token", "cf_api_key");

	private static final Set<String> CONFIGPROPS_KEYS = Set.of("apitoken", "apikey");

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getLowerCaseKey();
		boolean credential = KEYS.contains(key) || (data.getPropertySource() == null && CONFIGPROPS_KEYS.contains(key));
		return credential ? data.withSanitizedValue() : data;
	}

}
