package io.github.workerskv.kv.autoconfigure.health;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * namespace succeeds. Remote namespaces (Cloudflare's REST API: a {@link CloudflareKVNamespace}, or any
 * namespace when {@code cloudflare.kv.mode=remote}) are checked with one authenticated request whose result
 * is reused for {@code cloudflare.kv.health.cache-time-to-live} (10 s by default); DOWN carries the error
 * type, the HTTP status and Cloudflare's error codes, never the API token. With no bindings the contributor
 * reports UNKNOWN.
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
				Environment environment) {
			if (namespaces.names().isEmpty()) {
				return noBindings();
			}
			boolean remoteMode = "remote".equalsIgnoreCase(environment.getProperty("cloudflare.kv.mode", "").trim());
			UnaryOperator<String> redaction = redaction(environment);
			Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
			for (String binding : namespaces.names()) {
				KVNamespace namespace = namespaces.get(binding);
				boolean remote = remoteMode || namespace.unwrap(CloudflareKVNamespace.class).isPresent();
				indicators.put(binding, new KVNamespaceHealthIndicator(binding, namespace, remote,
						properties.getCacheTimeToLive(), InstantSource.system(), redaction));
			}
			return CompositeHealthContributor.fromMap(indicators);
		}

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
