package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.HttpClientType;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
 * <p>Plain data: the auto-configuration maps these values to the client's options and checks them at
 * start-up, naming the property at fault. {@link #toString()} masks the API token and the global API key.
 */
@ConfigurationProperties(KVProperties.PREFIX)
public class KVProperties {

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
	 * Environment of the wrangler configuration file to read bindings from, as wrangler's --env picks it:
	 * env.<name>.kv_namespaces, which does not inherit the top-level kv_namespaces. When not set, the
	 * top-level kv_namespaces is read.
	 */
	private @Nullable String wranglerEnvironment;

	/**
	 * Whether start-up makes one authenticated request per binding (a one-page list, all bindings at once,
	 * without retries) and fails with the property to fix when the base URL cannot be reached, the
	 * credentials are refused or a namespace does not exist. Off by default, so that start-up needs no
	 * network.
	 */
	private boolean verifyOnStartup;

	/**
	 * Longest the start-up verification waits for all bindings together; a binding that has not answered by
	 * then fails start-up.
	 */
	private Duration verifyTimeout = Duration.ofSeconds(5);

	/**
	 * Namespaces by binding name, as in wrangler's kv_namespaces: each with an id and, optionally, a
	 * preview-id.
	 */
	private final Map<String, Namespace> namespaces = new LinkedHashMap<>();

	private final Local local = new Local();

	private final Http http = new Http();

	private final Retry retry = new Retry();

	private final WritePacing writePacing = new WritePacing();

	private final RateLimit rateLimit = new RateLimit();

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

	public @Nullable String getWranglerEnvironment() {
		return this.wranglerEnvironment;
	}

	public void setWranglerEnvironment(@Nullable String wranglerEnvironment) {
		this.wranglerEnvironment = wranglerEnvironment;
	}

	public boolean isVerifyOnStartup() {
		return this.verifyOnStartup;
	}

	public void setVerifyOnStartup(boolean verifyOnStartup) {
		this.verifyOnStartup = verifyOnStartup;
	}

	public Duration getVerifyTimeout() {
		return this.verifyTimeout;
	}

	public void setVerifyTimeout(Duration verifyTimeout) {
		this.verifyTimeout = verifyTimeout;
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

	public Retry getRetry() {
		return this.retry;
	}

	public WritePacing getWritePacing() {
		return this.writePacing;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	@Override
	public String toString() {
		return "KVProperties[mode=" + this.mode + ", accountId=" + this.accountId + ", apiToken="
				+ mask(this.apiToken) + ", apiKey=" + mask(this.apiKey) + ", email=" + this.email + ", baseUrl="
				+ this.baseUrl + ", usePreviewIds=" + this.usePreviewIds + ", wranglerConfig=" + this.wranglerConfig
				+ ", wranglerEnvironment=" + this.wranglerEnvironment + ", verifyOnStartup=" + this.verifyOnStartup
				+ ", verifyTimeout=" + this.verifyTimeout + ", namespaces=" + this.namespaces + ", local=" + this.local + ", http=" + this.http + ", retry="
				+ this.retry + ", writePacing=" + this.writePacing + ", rateLimit=" + this.rateLimit + "]";
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

		/**
		 * Longest time a connection may have been idle when the client reuses it; an older one is replaced
		 * by a new connection. Keep it below the idle timeout of the server and of every proxy in between
		 * (the emulator closes idle connections after 30s, Cloudflare after 400s).
		 */
		private Duration idleConnectionTimeout = Duration.ofSeconds(15);

		/**
		 * Which HTTP client sends the requests: 'auto' (Jetty's when jetty-client 12.1 is on the class path,
		 * else the JDK's), 'jdk' or 'jetty'.
		 */
		private HttpClientType client = HttpClientType.AUTO;

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

		public Duration getIdleConnectionTimeout() {
			return this.idleConnectionTimeout;
		}

		public void setIdleConnectionTimeout(Duration idleConnectionTimeout) {
			this.idleConnectionTimeout = idleConnectionTimeout;
		}

		public HttpClientType getClient() {
			return this.client;
		}

		public void setClient(HttpClientType client) {
			this.client = client;
		}

		@Override
		public String toString() {
			return "{connectTimeout=" + this.connectTimeout + ", requestTimeout=" + this.requestTimeout
					+ ", idleConnectionTimeout=" + this.idleConnectionTimeout + ", client=" + this.client + "}";
		}

	}


	/**
	 * Retries of the REST client's idempotent calls, for remote mode.
	 */
	public static class Retry {

		/**
		 * Whether calls are retried: reads on HTTP 429, 5xx other than 501, timeouts and dropped connections;
		 * writes (values, deletes, bulk requests) only where no earlier attempt can still be applied (429,
		 * 500, 503, no connection); never on other 4xx answers.
		 */
		private boolean enabled = true;

		/**
		 * Most attempts per call, the first one included.
		 */
		private int maxAttempts = 5;

		/**
		 * First wait before a retry when the server sent no Retry-After; each later wait is multiplied by
		 * the multiplier.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Factor by which each wait grows, at least 1.
		 */
		private double multiplier = 2.0;

		/**
		 * Randomisation of each wait, 0 to 1: 0.25 spreads a 1 s wait over 0.75 s to 1.25 s.
		 */
		private double jitter = 0.25;

		/**
		 * Longest wait when the server sent no Retry-After.
		 */
		private Duration maxBackoff = Duration.ofSeconds(8);

		/**
		 * Most time one call may take, waits included. A wait (or a Retry-After) that would pass it makes
		 * the call fail at once with CloudflareRetryExhaustedException.
		 */
		private Duration deadline = Duration.ofSeconds(30);

		/**
		 * Longest server-requested wait (Retry-After) that is honoured as it is; longer ones are shortened
		 * to it. When not set, every Retry-After is honoured in full. Meant for tests against an emulator.
		 */
		private @Nullable Duration maxRetryAfter;

		/**
		 * Time after which a write whose attempt got no answer (a timeout or a broken connection after it
		 * was sent, a gateway's 502, 504, 520 or 524) is sent again. When not set, such a write is not
		 * retried and fails with CloudflareAmbiguousWriteException, since that attempt may still be applied
		 * later, after a later write of the key. Set it only if the server applies or drops a request within
		 * this time.
		 */
		private @Nullable Duration ambiguousWriteSettleTime;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public @Nullable Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(@Nullable Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public @Nullable Duration getAmbiguousWriteSettleTime() {
			return this.ambiguousWriteSettleTime;
		}

		public void setAmbiguousWriteSettleTime(@Nullable Duration ambiguousWriteSettleTime) {
			this.ambiguousWriteSettleTime = ambiguousWriteSettleTime;
		}


		@Override
		public String toString() {
			return "{enabled=" + this.enabled + ", maxAttempts=" + this.maxAttempts + ", initialBackoff="
					+ this.initialBackoff + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter
					+ ", maxBackoff=" + this.maxBackoff + ", deadline=" + this.deadline + ", maxRetryAfter="
					+ this.maxRetryAfter + ", ambiguousWriteSettleTime=" + this.ambiguousWriteSettleTime + "}";
		}

	}

	/**
	 * Per-key write pacing of the REST client, for remote mode.
	 */
	public static class WritePacing {

		/**
		 * Whether writes to the same key are paced to one per interval, writes within the interval being
		 * coalesced (the last one wins). A paced put may return before its write is sent: see the README.
		 */
		private boolean enabled;

		/**
		 * Least time between the end of one write of a key and the start of the next. KV allows one write
		 * per second per key.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * How long shutdown waits for pending paced writes; those still pending then fail and are logged.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}


		@Override
		public String toString() {
			return "{enabled=" + this.enabled + ", interval=" + this.interval + ", shutdownTimeout="
					+ this.shutdownTimeout + "}";
		}

	}

	/**
	 * Account-wide request budget of the REST client, for remote mode.
	 */
	public static class RateLimit {

		/**
		 * Whether the client keeps all its requests within a budget shared by every binding, so that a
		 * burst slows down instead of locking the account out. Give each application instance its share.
		 */
		private boolean enabled;

		/**
		 * Most requests in any span of the window. Cloudflare allows 1,200 per 5 minutes per account.
		 */
		private int requests = 1200;

		/**
		 * Span in which at most the given number of requests are sent.
		 */
		private Duration window = Duration.ofMinutes(5);

		/**
		 * Longest a request waits for room in the budget; one that would wait longer fails at once with
		 * CloudflareRequestBudgetException.
		 */
		private Duration maxWait = Duration.ofMinutes(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getRequests() {
			return this.requests;
		}

		public void setRequests(int requests) {
			this.requests = requests;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}


		@Override
		public String toString() {
			return "{enabled=" + this.enabled + ", requests=" + this.requests + ", window=" + this.window + ", maxWait="
					+ this.maxWait + "}";
		}

	}

}
