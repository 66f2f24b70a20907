package io.github.workerskv.kv.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.resilience.RequestBudgetOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cloudflare.kv.retry.*}, {@code cloudflare.kv.write-pacing.*} and {@code cloudflare.kv.rate-limit.*}
 * reach the remote client; the application's {@link RetryRegistry} and {@link KVListener} beans are
 * used; closing the context flushes paced writes.
 */
class KVResilienceAutoConfigurationTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=",
				"cloudflare.kv.mode=remote", "cloudflare.kv.base-url=http://127.0.0.1:9/client/v4",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=resilience-token",
				"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID);

	@Test
	void retriesAreOnAndPacingAndTheBudgetOffByDefault() {
		this.contextRunner.run((context) -> {
			CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
			assertThat(config.retry().withRegistry(null)).isEqualTo(RetryOptions.defaults());
			assertThat(config.retry().registry()).isNotNull().isSameAs(context.getBean(CloudflareKVClient.class).retryRegistry());
			assertThat(config.writePacing()).isEqualTo(WritePacingOptions.disabled());
			assertThat(config.requestBudget()).isEqualTo(RequestBudgetOptions.disabled());
			assertThat(context).doesNotHaveBean(RetryRegistry.class);
		});
	}

	@Test
	void retryPacingAndRateLimitPropertiesReachTheClient() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.retry.max-attempts=7", "cloudflare.kv.retry.initial-backoff=20ms",
					"cloudflare.kv.retry.multiplier=3", "cloudflare.kv.retry.jitter=0.1",
					"cloudflare.kv.retry.max-backoff=2s", "cloudflare.kv.retry.deadline=10s",
					"cloudflare.kv.retry.max-retry-after=50ms", "cloudflare.kv.retry.ambiguous-write-settle-time=2s",
					"cloudflare.kv.write-pacing.enabled=true",
					"cloudflare.kv.write-pacing.interval=1500ms", "cloudflare.kv.write-pacing.shutdown-timeout=3s",
					"cloudflare.kv.rate-limit.enabled=true", "cloudflare.kv.rate-limit.requests=600",
					"cloudflare.kv.rate-limit.window=5m", "cloudflare.kv.rate-limit.max-wait=20s")
			.run((context) -> {
				CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
				assertThat(config.retry().withRegistry(null)).isEqualTo(RetryOptions.defaults()
					.withMaxAttempts(7)
					.withBackoff(Duration.ofMillis(20), 3, Duration.ofSeconds(2))
					.withJitter(0.1)
					.withDeadline(Duration.ofSeconds(10))
					.withMaxRetryAfter(Duration.ofMillis(50))
					.withAmbiguousWriteSettleTime(Duration.ofSeconds(2)));
				assertThat(config.writePacing()).isEqualTo(WritePacingOptions.enabledByDefault()
					.withInterval(Duration.ofMillis(1500))
					.withShutdownTimeout(Duration.ofSeconds(3)));
				assertThat(config.requestBudget()).isEqualTo(RequestBudgetOptions.cloudflareDefault()
					.withBudget(600, Duration.ofMinutes(5))
					.withMaxWait(Duration.ofSeconds(20)));
			});
	}

	@Test
	void retriesCanBeSwitchedOff() {
		this.contextRunner.withPropertyValues("cloudflare.kv.retry.enabled=false")
			.run((context) -> assertThat(context.getBean(CloudflareKVClient.class).config().retry().enabled()).isFalse());
	}

	@Test
	void theApplicationsRetryRegistryHoldsTheClientsRetries() {
		RetryRegistry registry = RetryRegistry.ofDefaults();
		this.contextRunner.withBean(RetryRegistry.class, () -> registry)
			.run((context) -> assertThat(context.getBean(CloudflareKVClient.class).retryRegistry()).isSameAs(registry));
	}

	@Test
	void everyListenerBeanIsToldWithTheBindingName() {
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		this.contextRunner
			.withBean("first", KVListener.class, () -> recording(first))
			.withBean("second", KVListener.class, () -> recording(second))
			.run((context) -> {
				CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
				assertThat(config.namespaceName(FLAGS_ID)).isEqualTo("FLAGS");
				config.listener().onWriteCoalesced(config.namespaceName(FLAGS_ID), "put");
				assertThat(first).containsExactly("FLAGS put");
				assertThat(second).containsExactly("FLAGS put");
			});
	}

	@Test
	void valuesOutOfRangeFailStartupNamingTheProperties() {
		this.contextRunner.withPropertyValues("cloudflare.kv.retry.max-attempts=0").run((context) -> assertThat(context)
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageStartingWith("Property cloudflare.kv.retry.max-attempts with value '0' is invalid")
			.hasMessageContaining("maxAttempts must be 1..100"));
		this.contextRunner.withPropertyValues("cloudflare.kv.write-pacing.interval=0s")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.hasMessageStartingWith("Property cloudflare.kv.write-pacing.interval with value 'PT0S' is invalid"));
		this.contextRunner.withPropertyValues("cloudflare.kv.rate-limit.requests=0")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.hasMessageStartingWith("Property cloudflare.kv.rate-limit.requests with value '0' is invalid"));
		this.contextRunner.withPropertyValues("cloudflare.kv.retry.initial-backoff=10s")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.hasMessageStartingWith("Property cloudflare.kv.retry.initial-backoff with value 'PT10S' is invalid")
				.hasMessageContaining("must not be shorter than initialBackoff"));
		this.contextRunner.withPropertyValues("cloudflare.kv.mode=local", "cloudflare.kv.retry.jitter=2")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.hasMessageStartingWith("Property cloudflare.kv.retry.jitter with value '2.0' is invalid"));
		this.contextRunner.withPropertyValues("cloudflare.kv.retry.ambiguous-write-settle-time=0s")
			.run((context) -> assertThat(context).getFailure().rootCause()
				.hasMessageStartingWith(
						"Property cloudflare.kv.retry.ambiguous-write-settle-time with value 'PT0S' is invalid"));
	}

	@Test
	void closingTheContextSendsPacedWritesThatWerePending() {
		try (KVEmulator emulator = KVEmulator.start(KVEmulatorOptions.defaults().withEnforceWriteRate(true))) {
			String id;
			try (CloudflareKVClient admin = CloudflareKVClient.create(CloudflareKVConfig
				.of("acct", io.github.workerskv.kv.cloudflare.Credentials.apiToken("t"))
				.withBaseUrl(emulator.baseUrl()))) {
				id = admin.createNamespace("paced").id();
			}
			this.contextRunner
				.withPropertyValues("cloudflare.kv.base-url=" + emulator.baseUrl(), "cloudflare.kv.namespaces.FLAGS.id=" + id,
						"cloudflare.kv.write-pacing.enabled=true", "cloudflare.kv.write-pacing.interval=1s")
				.run((context) -> {
					io.github.workerskv.kv.KVNamespace flags = context.getBean("FLAGS", io.github.workerskv.kv.KVNamespace.class);
					flags.put("hot", "first");
					flags.put("hot", "second");
					flags.put("hot", "last");
					assertThat(emulator.store().namespace(id).get("hot")).isEqualTo("first");
				});
			assertThat(emulator.store().namespace(id).get("hot")).isEqualTo("last");
		}
	}

	private static KVListener recording(List<String> events) {
		return new KVListener() {

			@Override
			public void onWriteCoalesced(String binding, String operation) {
				events.add(binding + " " + operation);
			}

		};
	}

}
