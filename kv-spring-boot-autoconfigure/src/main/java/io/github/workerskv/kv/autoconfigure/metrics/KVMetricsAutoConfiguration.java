package io.github.workerskv.kv.autoconfigure.metrics;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

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

}
