package io.github.workerskv.kv.autoconfigure.configdata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of configuration imported from KV ({@code spring.config.import=cloudflare-kv:…}),
 * under {@code cloudflare.kv.config}.
 *
 * <p>The separators and the seed files are read when the import is resolved, before the application context
 * exists, so from the sources Spring Boot has loaded by then (see the README); the refresh interval and the
 * secret suffixes are read by the application context. Plain data.
 */
@ConfigurationProperties(KVConfigDataProperties.PREFIX)
public class KVConfigDataProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "cloudflare.kv.config";

	/**
	 * Separator of the levels of a key under an imported prefix, each replaced by a dot in the property name:
	 * with '/', the key config/myapp/server/port under the prefix config/myapp/ is the property server.port.
	 */
	private String keySeparator = "/";

	/**
	 * Separator between a prefix and a profile in the prefix of a profile-specific variant, as in Spring Cloud
	 * Consul: with ',', the profile prod of the prefix config/myapp/ reads config/myapp,prod/.
	 */
	private String profileSeparator = ",";

	/**
	 * How often the imported keys are read again in the background; a change updates the Environment, rebinds
	 * the affected @ConfigurationProperties beans and publishes a KVConfigChangedEvent. When not set, the keys
	 * are read once, at start-up.
	 */
	private @Nullable Duration refreshInterval;

	/**
	 * Endings of the names of imported properties whose values the actuator's env endpoint always masks, even
	 * with show-values set to always. An ending matches the whole name or its end after '.', '-' or '_'; a full
	 * property name marks that property.
	 */
	private List<String> secretSuffixes = new ArrayList<>(List.of("password", "secret", "token", "key", "credentials"));

	/**
	 * Files that fill a binding's namespace of the embedded store before configuration is imported, by binding
	 * name, in the JSON format of 'wrangler kv bulk put' (an array of key and value objects). Local mode only;
	 * a key that already exists (in a persisted store) is left as it is.
	 */
	private Map<String, String> seed = new LinkedHashMap<>();

	public String getKeySeparator() {
		return this.keySeparator;
	}

	public void setKeySeparator(String keySeparator) {
		this.keySeparator = keySeparator;
	}

	public String getProfileSeparator() {
		return this.profileSeparator;
	}

	public void setProfileSeparator(String profileSeparator) {
		this.profileSeparator = profileSeparator;
	}

	public @Nullable Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(@Nullable Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public List<String> getSecretSuffixes() {
		return this.secretSuffixes;
	}

	public void setSecretSuffixes(List<String> secretSuffixes) {
		this.secretSuffixes = secretSuffixes;
	}

	public Map<String, String> getSeed() {
		return this.seed;
	}

	public void setSeed(Map<String, String> seed) {
		this.seed = seed;
	}

	@Override
	public String toString() {
		return "KVConfigDataProperties[keySeparator=" + this.keySeparator + ", profileSeparator="
				+ this.profileSeparator + ", refreshInterval=" + this.refreshInterval + ", secretSuffixes="
				+ this.secretSuffixes + ", seed=" + this.seed + "]";
	}

}
