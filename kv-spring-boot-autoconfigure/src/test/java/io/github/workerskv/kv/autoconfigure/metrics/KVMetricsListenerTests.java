package io.github.workerskv.kv.autoconfigure.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.retry.RetryConfig;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST client's retries, pacing and budget as Micrometer meters: our counters tagged by binding and
 * operation, and Resilience4j's tagged retry metrics of the client's registry.
 */
class KVMetricsListenerTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=",
				"cloudflare.kv.mode=remote", "cloudflare.kv.base-url=http://127.0.0.1:9/client/v4",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=metrics-token",
				"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID);

	@Test
	void eachEventBecomesAMeterTaggedWithBindingAndOperation() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		KVMetricsListener metrics = new KVMetricsListener(provider(registry));
		metrics.onRateLimited("FLAGS", "put", Duration.ofSeconds(1));
		metrics.onRateLimited("FLAGS", "put", null);
		metrics.onRetry("FLAGS", "put", 1, new IllegalStateException("x"), Duration.ofMillis(5));
		metrics.onGiveUp("FLAGS", "put", 5, new IllegalStateException("x"));
		metrics.onBulkKeysResent("FLAGS", "bulk_put", 7);
		metrics.onWriteCoalesced("FLAGS", "put");
		metrics.onWriteCoalesced("CACHE", "delete");
		metrics.onBudgetWait("FLAGS", "get", Duration.ofMillis(250));
		metrics.onWriteFailed("FLAGS", "put", "k", new IllegalStateException("x"));

		assertThat(count(registry, KVMetricsListener.RATE_LIMITED, "FLAGS", "put")).isEqualTo(2);
		assertThat(registry.get(KVMetricsListener.RETRIES).tags("binding", "FLAGS", "operation", "put", "cause",
				"server_error").counter().count()).isEqualTo(1);
		assertThat(count(registry, KVMetricsListener.EXHAUSTED, "FLAGS", "put")).isEqualTo(1);
		assertThat(count(registry, KVMetricsListener.BULK_RESENT, "FLAGS", "bulk_put")).isEqualTo(7);
		assertThat(count(registry, KVMetricsListener.COALESCED, "FLAGS", "put")).isEqualTo(1);
		assertThat(count(registry, KVMetricsListener.COALESCED, "CACHE", "delete")).isEqualTo(1);
		assertThat(count(registry, KVMetricsListener.UNSENT, "FLAGS", "put")).isEqualTo(1);
		assertThat(registry.get(KVMetricsListener.BUDGET_WAIT).tags("binding", "FLAGS", "operation", "get").timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250);
	}

	@Test
	void theClientReportsToTheMetersOfTheApplicationsRegistry() {
		this.contextRunner.run((context) -> {
			CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
			assertThat(context).hasSingleBean(KVMetricsListener.class);
			KVListener listener = client.config().listener();
			listener.onWriteCoalesced(client.config().namespaceName(FLAGS_ID), "put");
			assertThat(count(context.getBean(MeterRegistry.class), KVMetricsListener.COALESCED, "FLAGS", "put")).isEqualTo(1);
		});
	}

	@Test
	void resilience4jsTaggedRetryMetricsCoverTheClientsRetries() {
		this.contextRunner.run((context) -> {
			CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
			client.retryRegistry().retry("cloudflare-kv.FLAGS.put", RetryConfig.ofDefaults(),
					Map.of("binding", "FLAGS", "operation", "put"));
			assertThat(context.getBean(MeterRegistry.class).get("resilience4j.retry.calls")
				.tags("name", "cloudflare-kv.FLAGS.put", "binding", "FLAGS", "operation", "put",
						"kind", "successful_without_retry")
				.functionCounter()
				.count()).isZero();
		});
	}

	@Test
	void withoutResilience4jMicrometerOnlyOurCountersAreBound() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.resilience4j.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(KVMetricsListener.class)
				.doesNotHaveBean(KVRetryMetricsBinder.class));
	}

	@Test
	void inLocalModeNothingIsBound() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CloudflareKVClient.class)
				.getBean(MeterRegistry.class)
				.satisfies((registry) -> assertThat(registry.find("resilience4j.retry.calls").meters()).isEmpty()));
	}

	private static double count(MeterRegistry registry, String name, String binding, String operation) {
		return registry.get(name).tags("binding", binding, "operation", operation).counter().count();
	}

	private static ObjectProvider<MeterRegistry> provider(MeterRegistry registry) {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("meterRegistry", registry);
		return beans.getBeanProvider(MeterRegistry.class);
	}

}
