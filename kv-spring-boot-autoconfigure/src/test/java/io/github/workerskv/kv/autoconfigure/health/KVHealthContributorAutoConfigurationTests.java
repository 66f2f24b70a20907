package io.github.workerskv.kv.autoconfigure.health;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.metrics.KVMetricsAutoConfiguration;
import io.github.workerskv.kv.local.LocalKVStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
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
 * {@link KVHealthContributorAutoConfiguration}: one child per binding, local and remote (against a loopback
 * server speaking Cloudflare's envelope), and back-off.
 */
class KVHealthContributorAutoConfigurationTests {

	private static final String TOKEN = "test-token-0123456789abcdef";

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVHealthContributorAutoConfiguration.class));

	private FakeCloudflareApi api;

	@BeforeEach
	void startApi() throws Exception {
		this.api = new FakeCloudflareApi();
	}

	@AfterEach
	void stopApi() {
		this.api.close();
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
		remote().run((context) -> {
			Health flags = child(context, "FLAGS");

			assertThat(flags.getStatus()).isEqualTo(Status.UP);
			assertThat(flags.getDetails()).containsEntry("mode", "remote").containsEntry("namespaceId", FLAGS_ID);
			assertThat(this.api.requests())
				.containsExactly("GET /client/v4/accounts/acct/storage/kv/namespaces/" + FLAGS_ID + "/keys?limit=10");
			assertThat(this.api.authorizations()).containsExactly("Bearer " + TOKEN);
		});
	}

	@Test
	void remoteResultIsReusedWithinTheCacheTimeToLive() {
		remote().run((context) -> {
			child(context, "FLAGS");
			child(context, "FLAGS");

			assertThat(this.api.requests()).hasSize(1);
		});
	}

	@Test
	void zeroCacheTimeToLiveAsksCloudflareOnEveryCheck() {
		remote().withPropertyValues("cloudflare.kv.health.cache-time-to-live=0").run((context) -> {
			child(context, "FLAGS");
			child(context, "FLAGS");

			assertThat(this.api.requests()).hasSize(2);
		});
	}

	@Test
	void remoteBindingIsRecognisedThroughTheMetricsWrapperAndItsCheckIsCountedAsAList() {
		remote().withConfiguration(AutoConfigurations.of(KVMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> {
				Health flags = child(context, "FLAGS");

				assertThat(flags.getDetails()).containsEntry("mode", "remote").containsEntry("namespaceId", FLAGS_ID);
				assertThat(context.getBean(SimpleMeterRegistry.class)
					.get("kv.operations")
					.tags("binding", "FLAGS", "operation", "list", "outcome", "success")
					.timer()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void rejectedTokenIsDownWithTypeStatusAndCodeButNeverTheToken() {
		this.api.fail(403, 10000, "Authentication error", Map.of());
		remote().run((context) -> {
			Health flags = child(context, "FLAGS");

			assertThat(flags.getStatus()).isEqualTo(Status.DOWN);
			assertThat(flags.getDetails()).containsEntry("httpStatus", 403).containsEntry("errorCodes", List.of(10000));
			assertThat((String) flags.getDetails().get("error"))
				.startsWith("io.github.workerskv.kv.cloudflare.CloudflareAuthenticationException: ");
			assertThat(flags.toString()).doesNotContain(TOKEN);
		});
	}

	@Test
	void rateLimitedIsDownAtOnceWhenTheDelayCloudflareAskedForPassesTheRetryDeadline() {
		this.api.fail(429, 971, "Please wait and consider throttling your request speed", Map.of("Retry-After", "30"));
		remote().run((context) -> {
			Health flags = child(context, "FLAGS");

			assertThat(flags.getStatus()).isEqualTo(Status.DOWN);
			assertThat(flags.getDetails()).containsEntry("httpStatus", 429)
				.containsEntry("errorCodes", List.of(971))
				.containsEntry("retryAfter", "PT30S")
				.containsEntry("attempts", 1);
			assertThat((String) flags.getDetails().get("error")).contains("CloudflareRetryExhaustedException")
				.contains("the server asked to wait 30 s")
				.contains("failed with HTTP 429");
		});
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

	private ApplicationContextRunner remote() {
		return this.contextRunner.withPropertyValues("cloudflare.kv.mode=remote", "cloudflare.kv.account-id=acct",
				"cloudflare.kv.api-token=" + TOKEN, "cloudflare.kv.base-url=" + this.api.baseUrl(),
				"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID);
	}

	private static CompositeHealthContributor kv(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		return (CompositeHealthContributor) context.getBean("kvHealthContributor", HealthContributor.class);
	}

	private static Health child(AssertableApplicationContext context, String binding) {
		return ((HealthIndicator) kv(context).getContributor(binding)).health();
	}

}
