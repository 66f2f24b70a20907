package io.github.workerskv.kv.cloudflare;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.ResilienceListener;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link CloudflareKVClient} reaches Cloudflare's REST API. Immutable; change it with the
 * {@code with…} methods. {@link #toString()} masks the credentials.
 *
 * <dl>
 * <dt>baseUrl</dt><dd>{@value #DEFAULT_BASE_URL}; point it at the emulator in tests</dd>
 * <dt>connectTimeout</dt><dd>10 s: how long to wait for a TCP (and TLS) connection</dd>
 * <dt>requestTimeout</dt><dd>60 s: how long to wait for the response headers of one request; reading a
 * streamed value after that is not bounded by it</dd>
 * <dt>readCacheSize</dt><dd>1000 entries for reads with {@code cacheTtl}; 0 turns the cache off</dd>
 * <dt>asyncExecutor</dt><dd>{@code null}: the client runs the {@code …Async} calls on its own daemon
 * threads and stops them on {@link CloudflareKVClient#close()}</dd>
 * <dt>jsonMapper</dt><dd>a default {@link JsonMapper}: reads JSON values, writes metadata</dd>
 * <dt>clock</dt><dd>the system UTC clock: checks expirations, ages read-cache entries, paces writes and
 * keeps the request budget</dd>
 * <dt>retry</dt><dd>{@link RetryOptions#defaults()}: idempotent calls are retried on 429, 5xx (not 501),
 * timeouts and dropped connections, honouring {@code Retry-After}, up to 5 attempts within 30 s</dd>
 * <dt>writePacing</dt><dd>{@link WritePacingOptions#disabled()}: when enabled, at most one write per second
 * per key, coalescing hot keys (last write wins)</dd>
 * <dt>requestBudget</dt><dd>{@link RequestBudgetOptions#disabled()}: when enabled, at most 1,200 requests
 * per 5 minutes for the whole client</dd>
 * <dt>resilienceListener</dt><dd>{@link ResilienceListener#none()}: told of 429s, retries, coalesced writes
 * and budget waits</dd>
 * <dt>namespaceNames</dt><dd>empty: names (such as binding names) by namespace id, used as the
 * {@code binding} of listener events and retry names; a namespace without one is named by its id</dd>
 * </dl>
 *
 * @param baseUrl the API's base, {@code /client/v4} included, without a trailing slash
 * @param accountId the Cloudflare account id
 * @param credentials an API token or an email and global API key
 * @param connectTimeout the connect timeout
 * @param requestTimeout the time allowed until a response's headers arrive
 * @param readCacheSize the most entries of the local read cache; 0 disables it
 * @param asyncExecutor runs the asynchronous calls, or {@code null} for the client's own threads
 * @param jsonMapper reads JSON values and writes metadata
 * @param clock checks expirations, ages cache entries, paces writes and keeps the request budget
 * @param retry how idempotent calls are retried
 * @param writePacing whether and how writes to the same key are paced
 * @param requestBudget whether and how the client's requests are budgeted
 * @param resilienceListener told what retries, pacing and the budget did
 * @param namespaceNames names by namespace id, for listener events and retry names
 */
public record CloudflareKVConfig(URI baseUrl, String accountId, Credentials credentials, Duration connectTimeout,
		Duration requestTimeout, int readCacheSize, @Nullable Executor asyncExecutor, JsonMapper jsonMapper,
		Clock clock, RetryOptions retry, WritePacingOptions writePacing, RequestBudgetOptions requestBudget,
		ResilienceListener resilienceListener, Map<String, String> namespaceNames) {

	/** Cloudflare's API base. */
	public static final String DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

	/**
	 * Validates the configuration.
	 * @throws IllegalArgumentException if the base URL is not an absolute http(s) URL without query, the
	 * account id is empty, a timeout is not positive or the cache size is negative
	 */
	public CloudflareKVConfig {
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		Objects.requireNonNull(accountId, "accountId must not be null");
		Objects.requireNonNull(credentials, "credentials must not be null; use Credentials.apiToken(..)");
		Objects.requireNonNull(connectTimeout, "connectTimeout must not be null");
		Objects.requireNonNull(requestTimeout, "requestTimeout must not be null");
		Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		Objects.requireNonNull(clock, "clock must not be null");
		Objects.requireNonNull(retry, "retry must not be null; use RetryOptions.disabled() to switch retries off");
		Objects.requireNonNull(writePacing, "writePacing must not be null; use WritePacingOptions.disabled()");
		Objects.requireNonNull(requestBudget, "requestBudget must not be null; use RequestBudgetOptions.disabled()");
		Objects.requireNonNull(resilienceListener, "resilienceListener must not be null; use ResilienceListener.none()");
		namespaceNames = Map.copyOf(Objects.requireNonNull(namespaceNames, "namespaceNames must not be null"));
		baseUrl = checkBaseUrl(baseUrl);
		if (accountId.isBlank() || accountId.equals(".") || accountId.equals("..")) {
			throw new IllegalArgumentException("accountId must not be empty; it is the 32-digit id in the "
					+ "Cloudflare dashboard's URL (or CLOUDFLARE_ACCOUNT_ID for wrangler)");
		}
		if (connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
		}
		if (requestTimeout.isNegative() || requestTimeout.isZero()) {
			throw new IllegalArgumentException("requestTimeout must be positive, was " + requestTimeout);
		}
		if (readCacheSize < 0) {
			throw new IllegalArgumentException("readCacheSize must be 0 (off) or more, was " + readCacheSize);
		}
	}

	/**
	 * The defaults listed above, for one account.
	 * @param accountId the Cloudflare account id
	 * @param credentials an API token or an email and global API key
	 * @return the configuration
	 */
	public static CloudflareKVConfig of(String accountId, Credentials credentials) {
		return new CloudflareKVConfig(URI.create(DEFAULT_BASE_URL), accountId, credentials, Duration.ofSeconds(10),
				Duration.ofSeconds(60), 1000, null, JsonMapper.builder().build(), Clock.systemUTC(), RetryOptions.defaults(),
				WritePacingOptions.disabled(), RequestBudgetOptions.disabled(), ResilienceListener.none(), Map.of());
	}

	/**
	 * @param baseUrl the API's base, {@code /client/v4} included (for example the emulator's
	 * {@code http://127.0.0.1:8787/client/v4})
	 * @return a copy with this base URL
	 */
	public CloudflareKVConfig withBaseUrl(String baseUrl) {
		return withBaseUrl(URI.create(Objects.requireNonNull(baseUrl, "baseUrl must not be null")));
	}

	/**
	 * @param baseUrl the API's base, {@code /client/v4} included
	 * @return a copy with this base URL
	 */
	public CloudflareKVConfig withBaseUrl(URI baseUrl) {
		return new CloudflareKVConfig(baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param accountId the Cloudflare account id
	 * @return a copy with this account
	 */
	public CloudflareKVConfig withAccountId(String accountId) {
		return new CloudflareKVConfig(this.baseUrl, accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param credentials an API token or an email and global API key
	 * @return a copy with these credentials
	 */
	public CloudflareKVConfig withCredentials(Credentials credentials) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param connectTimeout how long to wait for a connection
	 * @return a copy with this connect timeout
	 */
	public CloudflareKVConfig withConnectTimeout(Duration connectTimeout) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param requestTimeout how long to wait for a response's headers
	 * @return a copy with this request timeout
	 */
	public CloudflareKVConfig withRequestTimeout(Duration requestTimeout) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param readCacheSize the most entries of the read cache, 0 to turn it off
	 * @return a copy with this cache size
	 */
	public CloudflareKVConfig withReadCacheSize(int readCacheSize) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param asyncExecutor runs the asynchronous calls (the caller owns and stops it), or {@code null}
	 * for the client's own threads
	 * @return a copy with this executor
	 */
	public CloudflareKVConfig withAsyncExecutor(@Nullable Executor asyncExecutor) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, asyncExecutor, this.jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param jsonMapper reads JSON values and writes metadata
	 * @return a copy with this mapper
	 */
	public CloudflareKVConfig withJsonMapper(JsonMapper jsonMapper) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, jsonMapper, this.clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param clock checks expirations and ages cache entries
	 * @return a copy with this clock
	 */
	public CloudflareKVConfig withClock(Clock clock) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, clock,
				this.retry, this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param retry how idempotent calls are retried ({@link RetryOptions#disabled()} to switch retries off)
	 * @return a copy with these retries
	 */
	public CloudflareKVConfig withRetry(RetryOptions retry) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock, retry,
				this.writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param writePacing whether and how writes to the same key are paced
	 * @return a copy with this pacing
	 */
	public CloudflareKVConfig withWritePacing(WritePacingOptions writePacing) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock, this.retry,
				writePacing, this.requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param requestBudget whether and how the client's requests are budgeted
	 * @return a copy with this budget
	 */
	public CloudflareKVConfig withRequestBudget(RequestBudgetOptions requestBudget) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock, this.retry,
				this.writePacing, requestBudget, this.resilienceListener, this.namespaceNames);
	}

	/**
	 * @param resilienceListener told of 429s, retries, coalesced writes and budget waits
	 * @return a copy with this listener
	 */
	public CloudflareKVConfig withResilienceListener(ResilienceListener resilienceListener) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock, this.retry,
				this.writePacing, this.requestBudget, resilienceListener, this.namespaceNames);
	}

	/**
	 * @param namespaceNames names by namespace id (for example binding names), for listener events and
	 * retry names
	 * @return a copy with these names
	 */
	public CloudflareKVConfig withNamespaceNames(Map<String, String> namespaceNames) {
		return new CloudflareKVConfig(this.baseUrl, this.accountId, this.credentials, this.connectTimeout,
				this.requestTimeout, this.readCacheSize, this.asyncExecutor, this.jsonMapper, this.clock, this.retry,
				this.writePacing, this.requestBudget, this.resilienceListener, namespaceNames);
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
				+ this.requestTimeout + ", readCacheSize=" + this.readCacheSize + ", asyncExecutor="
				+ ((this.asyncExecutor != null) ? this.asyncExecutor.getClass().getName() : "client-owned") + ", retry="
				+ this.retry + ", writePacing=" + this.writePacing + ", requestBudget=" + this.requestBudget
				+ ", namespaceNames=" + this.namespaceNames + "]";
	}

	private static URI checkBaseUrl(URI baseUrl) {
		String scheme = baseUrl.getScheme();
		if (!baseUrl.isAbsolute() || baseUrl.getRawAuthority() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			throw new IllegalArgumentException("baseUrl must be an absolute http or https URL such as "
					+ DEFAULT_BASE_URL + ", was one with scheme " + scheme + " and host " + baseUrl.getHost());
		}
		if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
			throw new IllegalArgumentException("baseUrl must not have user info, a query or a fragment, was "
					+ baseUrl.getScheme() + "://" + baseUrl.getHost() + baseUrl.getRawPath());
		}
		String text = baseUrl.toString();
		while (text.endsWith("/")) {
			text = text.substring(0, text.length() - 1);
		}
		return URI.create(text);
	}

}
