package io.github.workerskv.kv.autoconfigure.metrics;

import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Binds Resilience4j's tagged retry metrics ({@code resilience4j.retry.calls}, tagged {@code name},
 * {@code kind}, {@code binding} and {@code operation}) of the REST client's retry registry, once every
 * singleton exists, so that binding neither creates the client early nor waits for the meter registry.
 * Does nothing in local mode. Binding a registry that another binder also bound (say
 * resilience4j-spring-boot's) registers the same meters, which Micrometer keeps once.
 */
final class KVRetryMetricsBinder implements SmartInitializingSingleton {

	private final ObjectProvider<CloudflareKVClient> client;

	private final ObjectProvider<MeterRegistry> meterRegistry;

	KVRetryMetricsBinder(ObjectProvider<CloudflareKVClient> client, ObjectProvider<MeterRegistry> meterRegistry) {
		this.client = client;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		CloudflareKVClient client = this.client.getIfUnique();
		MeterRegistry registry = this.meterRegistry.getIfUnique();
		if (client != null && registry != null) {
			TaggedRetryMetrics.ofRetryRegistry(client.retryRegistry()).bindTo(registry);
		}
	}

}
