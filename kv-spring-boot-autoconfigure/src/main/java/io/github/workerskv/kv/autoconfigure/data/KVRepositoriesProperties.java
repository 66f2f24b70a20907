package io.github.workerskv.kv.autoconfigure.data;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of Spring Data repositories on Workers KV, under {@code cloudflare.kv.repositories}.
 *
 * <p>Plain data: {@link KVRepositoriesAutoConfiguration} maps them onto
 * {@link io.github.workerskv.kv.spring.data.KVRepositoryOptions} and checks them at start-up, naming the
 * property at fault. The layout settings (separator, times to live) apply to the repositories an application
 * enables itself with {@code @EnableKVRepositories} too.
 */
@ConfigurationProperties(KVRepositoriesProperties.PREFIX)
public class KVRepositoriesProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "cloudflare.kv.repositories";

	/**
	 * Whether Spring Data repositories on KV are enabled for the application's packages (those of
	 * {@code @SpringBootApplication}). Declaring {@code @EnableKVRepositories} also turns this off.
	 */
	private boolean enabled = true;

	/**
	 * KV binding (a name under cloudflare.kv.namespaces) whose namespace holds the entities. May be left unset
	 * when exactly one binding is configured.
	 */
	private @Nullable String binding;

	/**
	 * Text between the keyspace and the id in every key (keyspace "preferences" and id "ada" make the key
	 * "preferences:ada"). Changing it hides the entities already stored under the old keys.
	 */
	private String keySeparator = ":";

	/**
	 * Time to live of the entities of each keyspace (by keyspace name) that have no @TimeToLive value of their
	 * own. Below KV's 60-second minimum, entities expire logically on time and KV removes them at 60 seconds.
	 */
	private final Map<String, Duration> timeToLive = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getBinding() {
		return this.binding;
	}

	public void setBinding(@Nullable String binding) {
		this.binding = binding;
	}

	public String getKeySeparator() {
		return this.keySeparator;
	}

	public void setKeySeparator(String keySeparator) {
		this.keySeparator = keySeparator;
	}

	public Map<String, Duration> getTimeToLive() {
		return this.timeToLive;
	}

	@Override
	public String toString() {
		return "KVRepositoriesProperties[enabled=" + this.enabled + ", binding=" + this.binding + ", keySeparator='"
				+ this.keySeparator + "', timeToLive=" + this.timeToLive + "]";
	}

}
