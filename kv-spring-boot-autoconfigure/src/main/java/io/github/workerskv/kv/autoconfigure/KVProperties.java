package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

/**
 * Configuration properties for Workers KV, under {@code cloudflare.kv}.
 *
 * <p>Bindings are named as in wrangler's {@code kv_namespaces}: each entry of {@code namespaces} maps a
 * binding name (for example {@code MY_NAMESPACE}) to its namespace ids. They may also come from a wrangler
 * configuration file ({@code wrangler-config}); a property set here wins over the file.
 *
 * <p>Binding names keep their case and underscores when written in YAML or {@code .properties} files.
 * Environment variables cannot express them (relaxed binding reads {@code _} as a separator and
 * lower-cases every name), so define bindings in a configuration file.
 *
 * <p>{@link #toString()} masks the API token and the global API key.
 */
@ConfigurationProperties(KVProperties.PREFIX)
public class KVProperties implements InitializingBean {

	/** The prefix of every property. */
	public static final String PREFIX = "cloudflare.kv";

	static final String MASK = "****";

	/**
	 * Where namespaces live: the embedded store, or Cloudflare through its REST API.
	 */
	private Mode mode = Mode.LOCAL;

	/**
	 * Cloudflare account id, for remote mode. Falls back to the CLOUDFLARE_ACCOUNT_ID environment variable,
	 * as wrangler does.
	 */
	private @Nullable String accountId;

	/**
	 * API token with the Workers KV Storage permissions, for remote mode. Falls back to the
	 * CLOUDFLARE_API_TOKEN environment variable, as wrangler does. Never logged.
	 */
	private @Nullable String apiToken;

	/**
	 * Legacy global API key, for remote mode; needs the account's email. Prefer an API token. Falls back to
	 * the CLOUDFLARE_API_KEY environment variable. Never logged.
	 */
	private @Nullable String apiKey;

	/**
	 * Email address of the account whose global API key is set. Falls back to the CLOUDFLARE_EMAIL
	 * environment variable.
	 */
	private @Nullable String email;

	/**
	 * Base URL of Cloudflare's REST API, /client/v4 included. Point it at a KV emulator in tests.
	 */
	private String baseUrl = CloudflareKVConfig.DEFAULT_BASE_URL;

	/**
	 * Whether each binding uses its preview id instead of its id, as wrangler dev does. Useful in
	 * development profiles to keep production namespaces untouched.
	 */
	private boolean usePreviewIds;

	/**
	 * Wrangler configuration file (wrangler.jsonc, wrangler.json or wrangler.toml) to read bindings from
	 * its kv_namespaces. Properties under cloudflare.kv.namespaces win over the file.
	 */
	private @Nullable Path wranglerConfig;

	/**
	 * Namespaces by binding name, as in wrangler's kv_namespaces: each with an id and, optionally, a
	 * preview-id.
	 */
	private final Map<String, Namespace> namespaces = new LinkedHashMap<>();

	private final Local local = new Local();

	private final Http http = new Http();

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public @Nullable String getAccountId() {
		return this.accountId;
	}

	public void setAccountId(@Nullable String accountId) {
		this.accountId = accountId;
	}

	public @Nullable String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(@Nullable String apiToken) {
		this.apiToken = apiToken;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public void setEmail(@Nullable String email) {
		this.email = email;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public boolean isUsePreviewIds() {
		return this.usePreviewIds;
	}

	public void setUsePreviewIds(boolean usePreviewIds) {
		this.usePreviewIds = usePreviewIds;
	}

	public @Nullable Path getWranglerConfig() {
		return this.wranglerConfig;
	}

	public void setWranglerConfig(@Nullable Path wranglerConfig) {
		this.wranglerConfig = wranglerConfig;
	}

	public Map<String, Namespace> getNamespaces() {
		return this.namespaces;
	}

	public Local getLocal() {
		return this.local;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * Checks what can be checked whatever the mode: positive timeouts, and not both kinds of credentials.
	 * Remote mode checks the rest when it connects.
	 * @throws InvalidConfigurationPropertyValueException if a timeout is zero or negative
	 * @throws MutuallyExclusiveConfigurationPropertiesException if both an API token and a global API key
	 * are set
	 */
	@Override
	public void afterPropertiesSet() {
		checkPositive(PREFIX + ".http.connect-timeout", this.http.getConnectTimeout());
		checkPositive(PREFIX + ".http.request-timeout", this.http.getRequestTimeout());
		MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn((entries) -> {
			entries.put(PREFIX + ".api-token", StringUtils.hasText(this.apiToken) ? MASK : null);
			entries.put(PREFIX + ".api-key", StringUtils.hasText(this.apiKey) ? MASK : null);
		});
	}

	private static void checkPositive(String name, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "The timeout must be positive.");
		}
	}

	@Override
	public String toString() {
		return "KVProperties[mode=" + this.mode + ", accountId=" + this.accountId + ", apiToken="
				+ mask(this.apiToken) + ", apiKey=" + mask(this.apiKey) + ", email=" + this.email + ", baseUrl="
				+ this.baseUrl + ", usePreviewIds=" + this.usePreviewIds + ", wranglerConfig=" + this.wranglerConfig
				+ ", namespaces=" + this.namespaces + ", local=" + this.local + ", http=" + this.http + "]";
	}

	private static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? MASK : null;
	}

	/**
	 * Where the namespaces live.
	 */
	public enum Mode {

		/** The embedded store, in memory or in one file; nothing leaves the JVM. */
		LOCAL,

		/** Cloudflare's Workers KV, through its REST API. */
		REMOTE

	}

	/**
	 * The ids of one binding's namespace.
	 */
	public static class Namespace {

		/**
		 * Namespace id: 32 lowercase hexadecimal characters in remote mode, anything in local mode, where
		 * the binding name is used when it is not set.
		 */
		private @Nullable String id;

		/**
		 * Namespace id used instead of id when use-preview-ids is set, as wrangler's preview_id.
		 */
		private @Nullable String previewId;

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getPreviewId() {
			return this.previewId;
		}

		public void setPreviewId(@Nullable String previewId) {
			this.previewId = previewId;
		}

		@Override
		public String toString() {
			return "{id=" + this.id + ", previewId=" + this.previewId + "}";
		}

	}

	/**
	 * The embedded store.
	 */
	public static class Local {

		/**
		 * SQLite file the embedded store keeps its data in, created if missing. When not set, data
		 * is kept in memory and lost when the application stops.
		 */
		private @Nullable Path persistPath;

		public @Nullable Path getPersistPath() {
			return this.persistPath;
		}

		public void setPersistPath(@Nullable Path persistPath) {
			this.persistPath = persistPath;
		}

		@Override
		public String toString() {
			return "{persistPath=" + this.persistPath + "}";
		}

	}

	/**
	 * HTTP settings of the REST client, for remote mode.
	 */
	public static class Http {

		/**
		 * How long to wait for a TCP (and TLS) connection to the API.
		 */
		private Duration connectTimeout = Duration.ofSeconds(10);

		/**
		 * How long to wait for the response headers of one request.
		 */
		private Duration requestTimeout = Duration.ofSeconds(60);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		@Override
		public String toString() {
			return "{connectTimeout=" + this.connectTimeout + ", requestTimeout=" + this.requestTimeout + "}";
		}

	}

}
