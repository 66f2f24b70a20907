package io.github.workerskv.kv.autoconfigure.health;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the Workers KV
 * health contributor, {@code kv}, with one child per binding of the {@link KVNamespaces} registry, named after
 * the binding ({@code /actuator/health/kv/FLAGS}).
 *
 * <p>Active when Spring Boot's health module is on the class path (it comes with the actuator) and
 * {@code management.health.kv.enabled} is not {@code false}. A binding is UP when a one-page list of its
 * namespace succeeds. Every binding is checked at the same time, and a health request waits at most
 * {@code cloudflare.kv.health.timeout} (3 s by default) for all of them: a binding that has not answered by
 * then is DOWN. Remote namespaces (Cloudflare's REST API: a {@link CloudflareKVNamespace}, or any namespace
 * when {@code cloudflare.kv.mode=remote}) are checked with one authenticated request, sent once (never the
 * client's retries), whose result is reused for {@code cloudflare.kv.health.cache-time-to-live} (10 s by
 * default); DOWN carries the error type, the HTTP status, Cloudflare's error codes and a hint naming the
 * property to check, never the API token. With no bindings the contributor reports UNKNOWN.
 *
 * <p>Like every health indicator other than the availability states, it is not part of the liveness or
 * readiness groups unless added to them ({@code management.endpoint.health.group.readiness.include}), so a
 * rate-limited or unreachable Cloudflare does not restart or unroute the application by default.
 */
@AutoConfiguration(after = KVAutoConfiguration.class)
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(KVNamespaces.class)
public final class KVHealthContributorAutoConfiguration {

	private static final String MASK = "******";

	private static final List<String> SECRET_PROPERTIES = List.of("cloudflare.kv.api-token", "cloudflare.kv.api-key",
			"CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY");

	/**
	 * Nested so that its condition, whose class lives in the health module, is only read once
	 * {@code @ConditionalOnClass} has found that module.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("kv")
	@EnableConfigurationProperties(KVHealthProperties.class)
	static class KVHealthContributorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "kvHealthIndicator", "kvHealthContributor" })
		HealthContributor kvHealthContributor(KVNamespaces namespaces, KVHealthProperties properties,
				Environment environment, ObjectProvider<CloudflareKVClient> client) {
			if (namespaces.names().isEmpty()) {
				return noBindings();
			}
			Duration timeout = properties.getTimeout();
			if (timeout.isZero() || timeout.isNegative()) {
				throw new InvalidConfigurationPropertyValueException("cloudflare.kv.health.timeout", timeout,
						"The timeout must be positive.");
			}
			boolean remoteMode = "remote".equalsIgnoreCase(environment.getProperty("cloudflare.kv.mode", "").trim());
			CloudflareKVClient rest = client.getIfUnique();
			String baseUrl = "cloudflare.kv.base-url ("
					+ ((rest != null) ? rest.config().baseUrl() : environment.getProperty("cloudflare.kv.base-url",
							CloudflareKVConfig.DEFAULT_BASE_URL)) + ")";
			ExecutorService executor = executor(namespaces.names().size());
			KVNamespaceHealthIndicator.Settings settings = new KVNamespaceHealthIndicator.Settings(
					properties.getCacheTimeToLive(), timeout, InstantSource.system(), executor, redaction(environment),
					baseUrl);
			Map<String, KVNamespaceHealthIndicator> indicators = new LinkedHashMap<>();
			for (String binding : namespaces.names()) {
				KVNamespace namespace = namespaces.get(binding);
				CloudflareKVNamespace remote = namespace.unwrap(CloudflareKVNamespace.class).orElse(null);
				indicators.put(binding, new KVNamespaceHealthIndicator(binding,
						(remote != null) ? remote.withoutRetries() : namespace, remoteMode || remote != null, settings));
			}
			return new KVHealthContributor(indicators, executor);
		}

	}

	/** Daemon threads, one per binding at most (each binding has at most one check in flight). */
	private static ExecutorService executor(int bindings) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, "kv-health-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor executor = new ThreadPoolExecutor(bindings, bindings, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static HealthIndicator noBindings() {
		return () -> Health.unknown().withDetail("bindings", "none configured").build();
	}

	/** Masks every configured secret, wherever it comes from, in the text of a failure. */
	private static UnaryOperator<String> redaction(Environment environment) {
		List<String> secrets = SECRET_PROPERTIES.stream()
			.map(environment::getProperty)
			.filter(StringUtils::hasText)
			.map(String::trim)
			.distinct()
			.toList();
		return (text) -> {
			String redacted = text;
			for (String secret : secrets) {
				redacted = redacted.replace(secret, MASK);
			}
			return redacted;
		};
	}

}
