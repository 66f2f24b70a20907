package io.github.workerskv.kv.cloudflare;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link CloudflareKVClient} reaches Cloudflare's REST API. Immutable; start from
 * {@link #of(String, Credentials)} and change it with the {@code with…} methods, each of which refuses a
 * value outside its range with an {@link InvalidOptionException} naming the option. {@link #toString()}
 * masks the credentials.
 *
 * <dl>
 * <dt>baseUrl</dt><dd>{@value #DEFAULT_BASE_URL}; point it at the emulator in tests</dd>
 * <dt>connectTimeout</dt><dd>10 s: how long to wait for a TCP (and TLS) connection</dd>
 * <dt>requestTimeout</dt><dd>60 s: how long to wait for the response headers of one request; reading a
 * streamed value after that is not bounded by it, except that Jetty's client fails an exchange that has been
 * silent for this long</dd>
 * <dt>idleConnectionTimeout</dt><dd>15 s: the longest a connection may have been idle when the client reuses
 * it; an older one is not reused (the client starts afresh with a new connection). Keep it below the idle
 * timeout of the server and of every proxy in between, so that the client never sends a request on a
 * connection the other end is closing, which would fail without an answer or wait for one in vain:
 * Cloudflare's edge closes idle connections after 400 s, the emulator (Jetty) after 30 s, Tomcat after 20 s.
 * Jetty's client closes its idle connections after this time; with the JDK's, it is this client's own bound
 * (the JVM-wide {@code jdk.httpclient.keepalive.timeout}, 1,200 s on Java 17, is left as it is)</dd>
 * <dt>httpClient</dt><dd>{@link HttpClientType#AUTO}: Jetty's HTTP client when {@code jetty-client} 12.1 is on
 * the class path, else the JDK's</dd>
 * <dt>readCacheSize</dt><dd>1000 entries for reads with {@code cacheTtl}; 0 turns the cache off</dd>
 * <dt>asyncExecutor</dt><dd>{@code null}: the client runs the {@code …Async} calls on its own daemon
 * threads and stops them on {@link CloudflareKVClient#close()}</dd>
 * <dt>jsonMapper</dt><dd>a default {@link JsonMapper}: reads JSON values, writes metadata</dd>
 * <dt>clock</dt><dd>the system UTC clock: checks expirations, ages read-cache entries, paces writes and
 * keeps the request budget</dd>
 * <dt>retry</dt><dd>{@link RetryOptions#defaults()}: reads are retried on 429, 5xx (not 501), timeouts and
 * dropped connections, writes only where no earlier attempt can still land (see {@link RetryOptions}),
 * honouring {@code Retry-After}, up to 5 attempts within 30 s</dd>
 * <dt>writePacing</dt><dd>{@link WritePacingOptions#disabled()}: when enabled, at most one write per second
 * per key, coalescing hot keys (last write wins)</dd>
 * <dt>requestBudget</dt><dd>{@link RequestBudgetOptions#disabled()}: when enabled, at most 1,200 requests
 * per 5 minutes for the whole client</dd>
 * <dt>listener</dt><dd>{@link KVListener#none()}: told of every call, and of 429s, retries, coalesced
 * writes and budget waits</dd>
 * <dt>namespaceNames</dt><dd>empty: names (such as binding names) by namespace id, used as the
 * {@code binding} of listener events and retry names; a namespace without one is named by its id</dd>
 * </dl>
 *
 */
public final class CloudflareKVConfig {

	/** Cloudflare's API base. */
	public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

	private final URI baseUrl;

	private final String accountId;

	private final Credentials credentials;

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final Duration idleConnectionTimeout;

	private final HttpClientType httpClient;

	private final int readCacheSize;

	private final @Nullable Executor asyncExecutor;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final RetryOptions retry;

	private final WritePacingOptions writePacing;

	private final RequestBudgetOptions requestBudget;

	private final KVListener listener;

	private final Map<String, String> namespaceNames;

	private CloudflareKVConfig(Settings settings) {
		this.baseUrl = settings.baseUrl;
		this.accountId = settings.accountId;
		this.credentials = Objects.requireNonNull(settings.credentials, "credentials must not be null");
		this.connectTimeout = settings.connectTimeout;
		this.requestTimeout = settings.requestTimeout;
		this.idleConnectionTimeout = settings.idleConnectionTimeout;
		this.httpClient = settings.httpClient;
		this.readCacheSize = settings.readCacheSize;
		this.asyncExecutor = settings.asyncExecutor;
		this.jsonMapper = settings.jsonMapper;
		this.clock = settings.clock;
		this.retry = settings.retry;
		this.writePacing = settings.writePacing;
		this.requestBudget = settings.requestBudget;
		this.listener = settings.listener;
		this.namespaceNames = settings.namespaceNames;
	}

	/**
	 * The defaults listed above, for one account.
	 * @param accountId the Cloudflare account id
	 * @param credentials an API token or an email and global API key
	 * @return the configuration
	 * @throws InvalidOptionException if the account id is empty
	 */
	public static CloudflareKVConfig of(String accountId, Credentials credentials) {
		Settings settings = new Settings();
		settings.accountId = checkAccountId(accountId);
		settings.credentials = Objects.requireNonNull(credentials,
				"credentials must not be null; use Credentials.apiToken(..)");
		return new CloudflareKVConfig(settings);
	}

	/**
	 * @param baseUrl the API's base, {@code /client/v4} included (for example the emulator's
	 * {@code http://127.0.0.1:8787/client/v4}); an absolute http or https URL without user info, query or
	 * fragment
	 * @return a copy with this base URL
	 * @throws InvalidOptionException if it is not such a URL
	 */
	public CloudflareKVConfig withBaseUrl(String baseUrl) {
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		URI uri;
		try {
			uri = new URI(baseUrl);
		}
		catch (URISyntaxException ex) {
			throw new InvalidOptionException("baseUrl", baseUrl, "baseUrl is not a URL: " + ex.getReason());
		}
		return withBaseUrl(uri);
	}

	/**
	 * @param baseUrl the API's base, {@code /client/v4} included
	 * @return a copy with this base URL
	 * @throws InvalidOptionException if it is not an absolute http or https URL without user info, query or
	 * fragment
	 */
	public CloudflareKVConfig withBaseUrl(URI baseUrl) {
		URI checked = checkBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl must not be null"));
		return with((settings) -> settings.baseUrl = checked);
	}

	/**
	 * @param accountId the Cloudflare account id
	 * @return a copy with this account
	 */
	public CloudflareKVConfig withAccountId(String accountId) {
		String checked = checkAccountId(accountId);
		return with((settings) -> settings.accountId = checked);
	}

	/**
	 * @param credentials an API token or an email and global API key
	 * @return a copy with these credentials
	 */
	public CloudflareKVConfig withCredentials(Credentials credentials) {
		Objects.requireNonNull(credentials, "credentials must not be null; use Credentials.apiToken(..)");
		return with((settings) -> settings.credentials = credentials);
	}

	/**
	 * @param connectTimeout how long to wait for a connection, positive
	 * @return a copy with this connect timeout
	 */
	public CloudflareKVConfig withConnectTimeout(Duration connectTimeout) {
		checkPositive("connectTimeout", connectTimeout);
		return with((settings) -> settings.connectTimeout = connectTimeout);
	}

	/**
	 * @param requestTimeout how long to wait for a response's headers, positive
	 * @return a copy with this request timeout
	 */
	public CloudflareKVConfig withRequestTimeout(Duration requestTimeout) {
		checkPositive("requestTimeout", requestTimeout);
		return with((settings) -> settings.requestTimeout = requestTimeout);
	}

	/**
	 * @param idleConnectionTimeout the longest a connection may have been idle when it is reused, positive;
	 * below the idle timeout of the server and of any proxy in between
	 * @return a copy with this idle connection timeout
	 */
	public CloudflareKVConfig withIdleConnectionTimeout(Duration idleConnectionTimeout) {
		checkPositive("idleConnectionTimeout", idleConnectionTimeout);
		return with((settings) -> settings.idleConnectionTimeout = idleConnectionTimeout);
	}

	/**
	 * @param httpClient which HTTP client sends the requests: {@link HttpClientType#AUTO} (Jetty's when it is on
	 * the class path, else the JDK's), {@link HttpClientType#JDK} or {@link HttpClientType#JETTY}; creating a client
	 * for {@code JETTY} without {@code jetty-client} 12.1 on the class path fails with an
	 * {@link InvalidOptionException}
	 * @return a copy with this choice
	 */
	public CloudflareKVConfig withHttpClient(HttpClientType httpClient) {
		Objects.requireNonNull(httpClient, "httpClient must not be null; use HttpClientType.AUTO");
		return with((settings) -> settings.httpClient = httpClient);
	}

	/**
	 * @param readCacheSize the most entries of the read cache, 0 to turn it off
	 * @return a copy with this cache size
	 */
	public CloudflareKVConfig withReadCacheSize(int readCacheSize) {
		if (readCacheSize < 0) {
			throw new InvalidOptionException("readCacheSize", readCacheSize,
					"readCacheSize must be 0 (off) or more, was " + readCacheSize);
		}
		return with((settings) -> settings.readCacheSize = readCacheSize);
	}

	/**
	 * @param asyncExecutor runs the asynchronous calls (the caller owns and stops it), or {@code null}
	 * for the client's own threads
	 * @return a copy with this executor
	 */
	public CloudflareKVConfig withAsyncExecutor(@Nullable Executor asyncExecutor) {
		return with((settings) -> settings.asyncExecutor = asyncExecutor);
	}

	/**
	 * @param jsonMapper reads JSON values and writes metadata
	 * @return a copy with this mapper
	 */
	public CloudflareKVConfig withJsonMapper(JsonMapper jsonMapper) {
		Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		return with((settings) -> settings.jsonMapper = jsonMapper);
	}

	/**
	 * @param clock checks expirations and ages cache entries
	 * @return a copy with this clock
	 */
	public CloudflareKVConfig withClock(Clock clock) {
		Objects.requireNonNull(clock, "clock must not be null");
		return with((settings) -> settings.clock = clock);
	}

	/**
	 * @param retry how calls are retried ({@link RetryOptions#disabled()} to switch retries off)
	 * @return a copy with these retries
	 */
	public CloudflareKVConfig withRetry(RetryOptions retry) {
		Objects.requireNonNull(retry, "retry must not be null; use RetryOptions.disabled() to switch retries off");
		return with((settings) -> settings.retry = retry);
	}

	/**
	 * @param writePacing whether and how writes to the same key are paced
	 * @return a copy with this pacing
	 */
	public CloudflareKVConfig withWritePacing(WritePacingOptions writePacing) {
		Objects.requireNonNull(writePacing, "writePacing must not be null; use WritePacingOptions.disabled()");
		return with((settings) -> settings.writePacing = writePacing);
	}

	/**
	 * @param requestBudget whether and how the client's requests are budgeted
	 * @return a copy with this budget
	 */
	public CloudflareKVConfig withRequestBudget(RequestBudgetOptions requestBudget) {
		Objects.requireNonNull(requestBudget, "requestBudget must not be null; use RequestBudgetOptions.disabled()");
		return with((settings) -> settings.requestBudget = requestBudget);
	}

	/**
	 * @param listener told of every call, and of 429s, retries, coalesced writes and budget waits
	 * ({@link KVListener#composite} for several)
	 * @return a copy with this listener
	 */
	public CloudflareKVConfig withListener(KVListener listener) {
		Objects.requireNonNull(listener, "listener must not be null; use KVListener.none()");
		return with((settings) -> settings.listener = listener);
	}

	/**
	 * @param namespaceNames names by namespace id (for example binding names), for
	 * {@link io.github.workerskv.kv.KVNamespace#name()}, listener events and retry names
	 * @return a copy with these names
	 */
	public CloudflareKVConfig withNamespaceNames(Map<String, String> namespaceNames) {
		Map<String, String> copy = Map.copyOf(Objects.requireNonNull(namespaceNames, "namespaceNames must not be null"));
		return with((settings) -> settings.namespaceNames = copy);
	}

	/** @return the API's base, {@code /client/v4} included, without a trailing slash */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/** @return the Cloudflare account id */
	public String accountId() {
		return this.accountId;
	}

	/** @return the credentials; their {@code toString()} masks the secret */
	public Credentials credentials() {
		return this.credentials;
	}

	/** @return the connect timeout */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** @return the time allowed until a response's headers arrive */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/** @return the longest a connection may have been idle when the client reuses it */
	public Duration idleConnectionTimeout() {
		return this.idleConnectionTimeout;
	}

	/** @return which HTTP client sends the requests */
	public HttpClientType httpClient() {
		return this.httpClient;
	}

	/** @return the most entries of the local read cache; 0 disables it */
	public int readCacheSize() {
		return this.readCacheSize;
	}

	/** @return runs the asynchronous calls, or {@code null} for the client's own threads */
	public @Nullable Executor asyncExecutor() {
		return this.asyncExecutor;
	}

	/** @return reads JSON values and writes metadata */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/** @return checks expirations, ages cache entries, paces writes and keeps the request budget */
	public Clock clock() {
		return this.clock;
	}

	/** @return how calls are retried */
	public RetryOptions retry() {
		return this.retry;
	}

	/** @return whether and how writes to the same key are paced */
	public WritePacingOptions writePacing() {
		return this.writePacing;
	}

	/** @return whether and how the client's requests are budgeted */
	public RequestBudgetOptions requestBudget() {
		return this.requestBudget;
	}

	/** @return told of every call and of what retries, pacing and the budget did */
	public KVListener listener() {
		return this.listener;
	}

	/** @return names by namespace id */
	public Map<String, String> namespaceNames() {
		return this.namespaceNames;
	}

	/**
	 * @param namespaceId a namespace id
	 * @return its name from {@link #namespaceNames()}, else the id itself
	 */
	public String namespaceName(String namespaceId) {
		return this.namespaceNames.getOrDefault(namespaceId, namespaceId);
	}

	@Override
	public String toString() {
		return "CloudflareKVConfig[baseUrl=" + this.baseUrl + ", accountId=" + this.accountId + ", credentials="
				+ this.credentials + ", connectTimeout=" + this.connectTimeout + ", requestTimeout="
				+ this.requestTimeout + ", idleConnectionTimeout=" + this.idleConnectionTimeout + ", httpClient=" + this.httpClient
				+ ", readCacheSize="
				+ this.readCacheSize + ", asyncExecutor="
				+ ((this.asyncExecutor != null) ? this.asyncExecutor.getClass().getName() : "client-owned") + ", retry="
				+ this.retry + ", writePacing=" + this.writePacing + ", requestBudget=" + this.requestBudget
				+ ", namespaceNames=" + this.namespaceNames + "]";
	}

	private CloudflareKVConfig with(Consumer<Settings> change) {
		Settings settings = new Settings(this);
		change.accept(settings);
		return new CloudflareKVConfig(settings);
	}

	private static String checkAccountId(String accountId) {
		Objects.requireNonNull(accountId, "accountId must not be null");
		if (accountId.isBlank() || accountId.equals(".") || accountId.equals("..")) {
			throw new InvalidOptionException("accountId", accountId, "accountId must not be empty; it is the 32-digit "
					+ "id in the Cloudflare dashboard's URL (or CLOUDFLARE_ACCOUNT_ID for wrangler)");
		}
		return accountId;
	}

	private static void checkPositive(String option, Duration value) {
		Objects.requireNonNull(value, option + " must not be null");
		if (value.isNegative() || value.isZero()) {
			throw new InvalidOptionException(option, value, option + " must be positive, was " + value);
		}
	}

	private static URI checkBaseUrl(URI baseUrl) {
		String scheme = baseUrl.getScheme();
		if (baseUrl.getRawUserInfo() != null) {
			throw new InvalidOptionException("baseUrl", null,
					"baseUrl must not hold user info; credentials go in Credentials, not in the URL");
		}
		if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw new InvalidOptionException("baseUrl", baseUrl, "baseUrl must be an absolute http or https URL with "
					+ "a host, such as " + DEFAULT_BASE_URL + " or http://127.0.0.1:8787/client/v4, was " + baseUrl);
		}
		if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
			throw new InvalidOptionException("baseUrl", baseUrl,
					"baseUrl must not have a query or a fragment, was " + baseUrl);
		}
		String text = baseUrl.toString();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return URI.create(text);
	}

	/** The mutable copy that a {@code with…} method changes one field of. */
	private static final class Settings {

		private URI baseUrl = URI.create(DEFAULT_BASE_URL);

		private String accountId = "";

		private @Nullable Credentials credentials;

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration requestTimeout = Duration.ofSeconds(60);

		private Duration idleConnectionTimeout = Duration.ofSeconds(15);

		private HttpClientType httpClient = HttpClientType.AUTO;

		private int readCacheSize = 1000;

		private @Nullable Executor asyncExecutor;

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private Clock clock = Clock.systemUTC();

		private RetryOptions retry = RetryOptions.defaults();

		private WritePacingOptions writePacing = WritePacingOptions.disabled();

		private RequestBudgetOptions requestBudget = RequestBudgetOptions.disabled();

		private KVListener listener = KVListener.none();

		private Map<String, String> namespaceNames = Map.of();

		Settings() {
		}

		Settings(CloudflareKVConfig config) {
			this.baseUrl = config.baseUrl;
			this.accountId = config.accountId;
			this.credentials = config.credentials;
			this.connectTimeout = config.connectTimeout;
			this.requestTimeout = config.requestTimeout;
			this.idleConnectionTimeout = config.idleConnectionTimeout;
			this.httpClient = config.httpClient;
			this.readCacheSize = config.readCacheSize;
			this.asyncExecutor = config.asyncExecutor;
			this.jsonMapper = config.jsonMapper;
			this.clock = config.clock;
			this.retry = config.retry;
			this.writePacing = config.writePacing;
			this.requestBudget = config.requestBudget;
			this.listener = config.listener;
			this.namespaceNames = config.namespaceNames;
		}

	}

}
