package io.github.workerskv.kv.autoconfigure.metrics;

import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
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
 * <p>It contributes a {@link io.github.workerskv.kv.KVListener} bean, which the auto-configured store or
 * client tells of every call of every namespace it makes; each call records the timer {@code kv.operations}
 * with the tags
 * <ul>
 * <li>{@code binding}: the binding name (a namespace of the store or client that no binding names: its
 * id);</li>
 * <li>{@code operation}: {@code get}, {@code get_bulk} ({@code get(keys)} and {@code getWithMetadata(keys)}),
 * {@code get_with_metadata}, {@code put}, {@code delete}, {@code list}, {@code bulk_put} and
 * {@code bulk_delete};</li>
 * <li>{@code outcome}: {@code hit} or {@code miss} (single reads), {@code success} (every other call that
 * returned), {@code rate_limited} (Cloudflare's HTTP 429) or {@code error} (any other failure, validation
 * errors included).</li>
 * </ul>
 * Bulk reads also count the keys they asked for in the counter {@code kv.bulk.keys}, tagged {@code binding},
 * {@code operation} and {@code outcome} ({@code hit} or {@code miss}).
 *
 * <p>In remote mode the client's retries, write pacing and request budget are counted too (see
 * {@link KVMetricsListener}): {@code kv.rate_limited}, {@code kv.retries}, {@code kv.retries.exhausted},
 * {@code kv.bulk.resent}, {@code kv.writes.coalesced}, {@code kv.writes.unsent} and the timer
 * {@code kv.budget.wait}, tagged {@code binding} and {@code operation}; and, when resilience4j-micrometer is on
 * the class path, Resilience4j's own {@code resilience4j.retry.calls} for the client's retry registry.
 *
 * <p>Limits: namespaces of a store or client the application builds itself are recorded only if it gives
 * them this listener (or its own); a stream read is timed until the stream is returned, not until it has
 * been read. Switch the meters off with {@code management.metrics.enable.kv=false}.
 */
@AutoConfiguration(after = KVAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class KVMetricsAutoConfiguration {

	@Bean
	KVMetricsListener kvMetricsListener(ObjectProvider<MeterRegistry> meterRegistry) {
		return new KVMetricsListener(meterRegistry);
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
