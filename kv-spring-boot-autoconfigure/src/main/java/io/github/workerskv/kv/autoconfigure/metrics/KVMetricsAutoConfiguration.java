package io.github.workerskv.kv.autoconfigure.metrics;

import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of Micrometer
 * metrics for Workers KV, active when Micrometer is on the class path and a {@link MeterRegistry} bean exists
 * (with Spring Boot's actuator, it always does).
 *
 * <p>Every {@link KVNamespace} bean, and every namespace handed out by the {@link KVNamespaces} registry, is
 * wrapped so that each call records the timer {@code kv.operations} with the tags
 * <ul>
 * <li>{@code binding}: the binding name (a {@link KVNamespace} bean outside the registry: its bean name);</li>
 * <li>{@code operation}: {@code get}, {@code get_bulk} ({@code get(keys)} and {@code getWithMetadata(keys)}),
 * {@code get_with_metadata}, {@code put}, {@code delete}, {@code list}, and on REST namespaces
 * {@code bulk_put} and {@code bulk_delete};</li>
 * <li>{@code outcome}: {@code hit} or {@code miss} (single reads), {@code success} (every other call that
 * returned), {@code rate_limited} (Cloudflare's HTTP 429) or {@code error} (any other failure, validation
 * errors included).</li>
 * </ul>
 * Bulk reads also count the keys they asked for in the counter {@code kv.bulk.keys}, tagged {@code binding},
 * {@code operation} and {@code outcome} ({@code hit} or {@code miss}).
 *
 * <p>In remote mode the client's retries, write pacing and request budget are counted too (see
 * {@link KVResilienceMetrics}): {@code kv.rate_limited}, {@code kv.retries}, {@code kv.retries.exhausted},
 * {@code kv.bulk.resent}, {@code kv.writes.coalesced}, {@code kv.writes.unsent} and the timer
 * {@code kv.budget.wait}, tagged {@code binding} and {@code operation}; and, when resilience4j-micrometer is on
 * the class path, Resilience4j's own {@code resilience4j.retry.calls} for the client's retry registry.
 *
 * <p>Limits: calls made on a namespace obtained elsewhere (say {@code LocalKVStore.namespace(id)} directly)
 * are not recorded; a bean whose declared type is a class of its own rather than {@link KVNamespace} is left
 * unmetered so that injection by that type keeps working; a stream read is timed until the stream is
 * returned, not until it has been read. Switch the meters off with
 * {@code management.metrics.enable.kv=false}.
 */
@AutoConfiguration(after = KVAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class KVMetricsAutoConfiguration {

	@Bean
	static KVNamespaceMetricsPostProcessor kvNamespaceMetricsPostProcessor(ObjectProvider<MeterRegistry> meterRegistry) {
		return new KVNamespaceMetricsPostProcessor(meterRegistry);
	}

	@Bean
	KVResilienceMetrics kvResilienceMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		return new KVResilienceMetrics(meterRegistry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TaggedRetryMetrics.class)
	static class RetryMetricsConfiguration {

		@Bean
		KVRetryMetricsBinder kvRetryMetricsBinder(ObjectProvider<CloudflareKVClient> client,
				ObjectProvider<MeterRegistry> meterRegistry) {
			return new KVRetryMetricsBinder(client, meterRegistry);
		}

	}

}
