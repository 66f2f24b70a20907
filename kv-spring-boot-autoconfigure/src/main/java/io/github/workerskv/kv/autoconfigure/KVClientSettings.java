package io.github.workerskv.kv.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.HttpClientType;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

/**
 * The REST client's settings, mapped from {@link KVProperties} and checked when the context starts, in
 * either mode, so that a value out of range fails start-up at once. A value the client's options refuse is
 * reported as an {@link InvalidConfigurationPropertyValueException} for the property that set it, found from
 * the option the options name ({@link InvalidOptionException#option()}), never from a message.
 */
final class KVClientSettings {

	private static final String MASK = "****";

	private final Duration connectTimeout;

	private final Duration requestTimeout;

	private final Duration idleConnectionTimeout;

	private final HttpClientType httpClient;

	private final RetryOptions retry;

	private final WritePacingOptions writePacing;

	private final RequestBudgetOptions requestBudget;

	private KVClientSettings(Duration connectTimeout, Duration requestTimeout, Duration idleConnectionTimeout,
			HttpClientType httpClient, RetryOptions retry, WritePacingOptions writePacing,
			RequestBudgetOptions requestBudget) {
		this.connectTimeout = connectTimeout;
		this.requestTimeout = requestTimeout;
		this.idleConnectionTimeout = idleConnectionTimeout;
		this.httpClient = httpClient;
		this.retry = retry;
		this.writePacing = writePacing;
		this.requestBudget = requestBudget;
	}

	/**
	 * @param properties the bound properties
	 * @return the settings
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 * @throws MutuallyExclusiveConfigurationPropertiesException if both an API token and a global API key are set
	 */
	static KVClientSettings from(KVProperties properties) {
		MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn((entries) -> {
			entries.put(KVProperties.PREFIX + ".api-token", StringUtils.hasText(properties.getApiToken()) ? MASK : null);
			entries.put(KVProperties.PREFIX + ".api-key", StringUtils.hasText(properties.getApiKey()) ? MASK : null);
		});
		KVProperties.Http http = properties.getHttp();
		KVProperties.Retry retry = properties.getRetry();
		KVProperties.WritePacing pacing = properties.getWritePacing();
		KVProperties.RateLimit budget = properties.getRateLimit();
		return new KVClientSettings(positive("http.connect-timeout", http.getConnectTimeout()),
				positive("http.request-timeout", http.getRequestTimeout()),
				positive("http.idle-connection-timeout", http.getIdleConnectionTimeout()),
				available(http.getClient()),
				checked("retry", () -> RetryOptions.defaults()
					.withEnabled(retry.isEnabled())
					.withMaxAttempts(retry.getMaxAttempts())
					.withBackoff(retry.getInitialBackoff(), retry.getMultiplier(), retry.getMaxBackoff())
					.withJitter(retry.getJitter())
					.withDeadline(retry.getDeadline())
					.withMaxRetryAfter(retry.getMaxRetryAfter())
					.withAmbiguousWriteSettleTime(retry.getAmbiguousWriteSettleTime())),
				checked("write-pacing", () -> WritePacingOptions.disabled()
					.withEnabled(pacing.isEnabled())
					.withInterval(pacing.getInterval())
					.withShutdownTimeout(pacing.getShutdownTimeout())),
				checked("rate-limit", () -> RequestBudgetOptions.disabled()
					.withEnabled(budget.isEnabled())
					.withRequests(budget.getRequests())
					.withWindow(budget.getWindow())
					.withMaxWait(budget.getMaxWait())));
	}

	/**
	 * The client's configuration.
	 * @param connectionDetails where and as whom
	 * @param registry the registry to create the retries in, or {@code null} for the client's own
	 * @param listener told of every call and of what retries, pacing and the budget did
	 * @param namespaceNames binding names by namespace id
	 * @return the configuration
	 * @throws InvalidConfigurationPropertyValueException if the base URL is not one the client accepts
	 */
	CloudflareKVConfig clientConfig(KVConnectionDetails connectionDetails, @Nullable RetryRegistry registry,
			KVListener listener, Map<String, String> namespaceNames) {
		return checked("", () -> CloudflareKVConfig.of(connectionDetails.getAccountId(), connectionDetails.getCredentials())
			.withBaseUrl(connectionDetails.getBaseUrl())
			.withConnectTimeout(this.connectTimeout)
			.withRequestTimeout(this.requestTimeout)
			.withIdleConnectionTimeout(this.idleConnectionTimeout)
			.withHttpClient(this.httpClient)
			.withRetry(this.retry.withRegistry(registry))
			.withWritePacing(this.writePacing)
			.withRequestBudget(this.requestBudget)
			.withListener(listener)
			.withNamespaceNames(namespaceNames));
	}

	RetryOptions retry() {
		return this.retry;
	}

	WritePacingOptions writePacing() {
		return this.writePacing;
	}

	RequestBudgetOptions requestBudget() {
		return this.requestBudget;
	}

	private static Duration positive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(KVProperties.PREFIX + "." + property, value,
					"The timeout must be positive.");
		}
		return value;
	}

	private static HttpClientType available(HttpClientType httpClient) {
		if (!httpClient.available()) {
			throw new InvalidConfigurationPropertyValueException(KVProperties.PREFIX + ".http.client",
					httpClient.name().toLowerCase(Locale.ROOT), "Jetty's HTTP client 12.1 is not on the class path. Add "
							+ "org.eclipse.jetty:jetty-client, or set it to 'auto' or 'jdk'.");
		}
		return httpClient;
	}

	/** Builds options in a group of properties, naming the property of an option they refuse. */
	private static <T> T checked(String group, Supplier<T> options) {
		try {
			return options.get();
		}
		catch (InvalidOptionException ex) {
			throw new InvalidConfigurationPropertyValueException(property(group, ex.option()),
					(ex.value() != null) ? ex.value() : "(not shown)", ex.getMessage());
		}
	}

	/** The property of an option: the option's name in kebab case, in its group. */
	static String property(String group, String option) {
		String kebab = option.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
		return KVProperties.PREFIX + "." + (group.isEmpty() ? kebab : group + "." + kebab);
	}

}
