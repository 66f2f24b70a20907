package io.github.workerskv.kv.autoconfigure.health;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.UnansweredPort;
import io.github.workerskv.kv.autoconfigure.metrics.KVMetricsAutoConfiguration;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.local.LocalKVStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KVHealthContributorAutoConfiguration}: one child per binding, local and remote (over HTTP to the
 * emulator, with its faults and latency, and to a port that never answers), checked at the same time within one
 * timeout, and back-off.
 */
class KVHealthContributorAutoConfigurationTests {

	private static final String TOKEN = "test-token-0123456789abcdef";

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private static final String ACCOUNT = "acct";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVHealthContributorAutoConfiguration.class));

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Map<String, String> ids = new LinkedHashMap<>();

	@BeforeEach
	void createNamespacesAndRecordRequests() {
		try (CloudflareKVClient admin = CloudflareKVClient.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN))
			.withBaseUrl(this.emulator.baseUrl()))) {
			for (String binding : List.of("FLAGS", "CACHE", "USERS")) {
				this.ids.put(binding, admin.createNamespace(binding).id());
			}
		}
		this.emulator.emulator().faults().next(1, (line) -> {
			this.requests.add(line.method() + " " + line.path());
			return false;
		}, Fault.delay(Duration.ZERO));
	}

	@Test
	void contributesOneChildPerBindingNamedAfterIt() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID,
				"cloudflare.kv.namespaces.CACHE.id=06779da6940b431db6e566b4846d64db")
			.run((context) -> {
				CompositeHealthContributor kv = kv(context);
				assertThat(kv.stream().map((entry) -> entry.name())).containsExactly("FLAGS", "CACHE");
				Health flags = child(context, "FLAGS");
				assertThat(flags.getStatus()).isEqualTo(Status.UP);
				assertThat(flags.getDetails()).containsEntry("mode", "local");
			});
	}

	@Test
	void localBindingIsDownOnceItsStoreIsClosed(@TempDir Path dir) {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID,
				"cloudflare.kv.local.persist-path=" + dir.resolve("kv.sqlite"))
			.run((context) -> {
				context.getBean(LocalKVStore.class).close();

				Health flags = child(context, "FLAGS");
				assertThat(flags.getStatus()).isEqualTo(Status.DOWN);
				assertThat((String) flags.getDetails().get("error")).startsWith("io.github.workerskv.kv.KVStorageException");
			});
	}

	@Test
	void noBindingsIsUnknown() {
		this.contextRunner.run((context) -> {
			HealthContributor kv = context.getBean("kvHealthContributor", HealthContributor.class);
			assertThat(((HealthIndicator) kv).health().getStatus()).isEqualTo(Status.UNKNOWN);
		});
	}

	@Test
	void remoteBindingIsUpAfterOneAuthenticatedListOfTenKeys() {
		remote("FLAGS").run((context) -> {
			Health flags = child(context, "FLAGS");

			assertThat(flags.getStatus()).isEqualTo(Status.UP);
			assertThat(flags.getDetails()).containsEntry("mode", "remote").containsEntry("namespaceId", this.ids.get("FLAGS"));
			assertThat(this.requests)
				.containsExactly("GET /client/v4/accounts/acct/storage/kv/namespaces/" + this.ids.get("FLAGS") + "/keys");
		});
	}

	@Test
	void remoteResultIsReusedWithinTheCacheTimeToLive() {
		remote("FLAGS").run((context) -> {
			child(context, "FLAGS");
			child(context, "FLAGS");

			assertThat(this.requests).hasSize(1);
		});
	}

	@Test
	void zeroCacheTimeToLiveAsksCloudflareOnEveryCheck() {
		remote("FLAGS").withPropertyValues("cloudflare.kv.health.cache-time-to-live=0").run((context) -> {
			child(context, "FLAGS");
			child(context, "FLAGS");

			assertThat(this.requests).hasSize(2);
		});
	}

	@Test
	void readingEveryBindingChecksEachOnceEvenWithoutACache() {
		remote("FLAGS", "CACHE", "USERS").withPropertyValues("cloudflare.kv.health.cache-time-to-live=0")
			.run((context) -> {
				assertThat(readAll(context)).containsOnlyKeys("FLAGS", "CACHE", "USERS")
					.allSatisfy((binding, health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
				assertThat(this.requests).hasSize(3);
			});
	}

	@Test
	void bindingsAreCheckedAtTheSameTimeWithinOneSharedTimeout() {
		this.emulator.emulator().faults().latency(Duration.ofMillis(1000));
		remote("FLAGS", "CACHE", "USERS").withPropertyValues("cloudflare.kv.health.timeout=2500ms").run((context) -> {
			Map<String, Health> all = readAll(context);

			assertThat(all.values()).as("one after another, the second and third would pass the shared 2500 ms")
				.allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
		});
	}

	@Test
	void unreachableBaseUrlGivesUpAtTheTimeoutForEveryBindingWithAHintNamingTheProperty() throws IOException {
		try (UnansweredPort port = new UnansweredPort()) {
			String baseUrl = "http://127.0.0.1:" + port.port() + "/client/v4";
			remote("FLAGS", "CACHE", "USERS")
				.withPropertyValues("cloudflare.kv.base-url=" + baseUrl, "cloudflare.kv.health.timeout=300ms")
				.run((context) -> {
					Map<String, Health> all = readAll(context);

					assertThat(all).hasSize(3).allSatisfy((binding, health) -> {
						assertThat(health.getStatus()).isEqualTo(Status.DOWN);
						assertThat(health.getDetails()).containsEntry("timeout", "PT0.3S")
							.containsEntry("hint", "Check cloudflare.kv.base-url (" + baseUrl + ") and the network.");
						assertThat((String) health.getDetails().get("error"))
							.startsWith("java.util.concurrent.TimeoutException: no answer within 300 ms");
					});
				});
		}
	}

	@Test
	void remoteBindingIsRecognisedThroughTheMetricsWrapperAndItsCheckIsCountedAsAList() {
		remote("FLAGS").withConfiguration(AutoConfigurations.of(KVMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				Health flags = child(context, "FLAGS");

				assertThat(flags.getDetails()).containsEntry("mode", "remote")
					.containsEntry("namespaceId", this.ids.get("FLAGS"));
				assertThat(context.getBean(SimpleMeterRegistry.class)
					.get("kv.operations")
					.tags("binding", "FLAGS", "operation", "list", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void rejectedTokenIsDownWithTypeStatusCodeAndHintButNeverTheToken() {
		remote("FLAGS").withPropertyValues("cloudflare.kv.api-token=wrong-" + TOKEN).run((context) -> {
			Health flags = child(context, "FLAGS");

			assertThat(flags.getStatus()).isEqualTo(Status.DOWN);
			assertThat((Integer) flags.getDetails().get("httpStatus")).isIn(401, 403);
			assertThat(flags.getDetails()).containsEntry("errorCodes", List.of(10000));
			assertThat((String) flags.getDetails().get("error"))
				.startsWith("io.github.workerskv.kv.cloudflare.CloudflareAuthenticationException: ");
			assertThat((String) flags.getDetails().get("hint")).startsWith("Check cloudflare.kv.api-token");
			assertThat(flags.toString()).doesNotContain(TOKEN);
		});
	}

	@Test
	void rateLimitedIsDownAtOnceWithoutTheClientsRetries() {
		this.emulator.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(30)));
		remote("FLAGS").run((context) -> {
			Health flags = child(context, "FLAGS");

			assertThat(flags.getStatus()).isEqualTo(Status.DOWN);
			assertThat(flags.getDetails()).containsEntry("httpStatus", 429)
				.containsEntry("errorCodes", List.of(971))
				.containsEntry("retryAfter", "PT30S");
			assertThat((String) flags.getDetails().get("error")).contains("CloudflareRateLimitException")
				.contains("failed with HTTP 429");
			assertThat(this.requests).as("retries are on for the application's calls, not for the check").hasSize(1);
		});
	}

	@Test
	void nonPositiveTimeoutNamesTheProperty() {
		remote("FLAGS").withPropertyValues("cloudflare.kv.health.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("cloudflare.kv.health.timeout")));
	}

	@Test
	void managementHealthKvEnabledFalseTurnsItOff() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "management.health.kv.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("kvHealthContributor"));
	}

	@Test
	void managementHealthDefaultsEnabledFalseTurnsItOffUnlessKvIsEnabled() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("kvHealthContributor"));
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "management.health.defaults.enabled=false",
					"management.health.kv.enabled=true")
			.run((context) -> assertThat(context).hasBean("kvHealthContributor"));
	}

	@Test
	void backsOffWithoutSpringBootsHealthModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("kvHealthContributor")
				.doesNotHaveBean(KVHealthProperties.class));
	}

	@Test
	void applicationKvHealthIndicatorReplacesIt() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.withBean("kvHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean("kvHealthContributor").hasBean("kvHealthIndicator"));
	}

	private ApplicationContextRunner remote(String... bindings) {
		List<String> properties = new ArrayList<>(List.of("cloudflare.kv.mode=remote", "cloudflare.kv.account-id=" + ACCOUNT,
				"cloudflare.kv.api-token=" + TOKEN, "cloudflare.kv.base-url=" + this.emulator.baseUrl(),
				"cloudflare.kv.retry.initial-backoff=1ms", "cloudflare.kv.retry.max-backoff=4ms",
				"cloudflare.kv.retry.max-retry-after=1ms"));
		for (String binding : bindings) {
			properties.add("cloudflare.kv.namespaces." + binding + ".id=" + this.ids.get(binding));
		}
		return this.contextRunner.withPropertyValues(properties.toArray(String[]::new));
	}

	/** Reads every child as the health endpoint does: the entries once, then each child's health in turn. */
	private static Map<String, Health> readAll(AssertableApplicationContext context) {
		Map<String, Health> all = new LinkedHashMap<>();
		kv(context).forEach((entry) -> all.put(entry.name(), ((HealthIndicator) entry.contributor()).health()));
		return all;
	}

	private static CompositeHealthContributor kv(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return (CompositeHealthContributor) context.getBean("kvHealthContributor", HealthContributor.class);
	}

	private static Health child(AssertableApplicationContext context, String binding) {
		return ((HealthIndicator) kv(context).getContributor(binding)).health();
	}

}
