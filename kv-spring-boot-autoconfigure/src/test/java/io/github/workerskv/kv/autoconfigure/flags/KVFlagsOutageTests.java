package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote mode against the KV emulator over HTTP, with its fault injection: while KV fails the flags keep answering
 * from the last good documents, health says UP with {@code staleSince}, the meters count the failures and show the
 * staleness, and the next good refresh clears it. Evaluations and admin writes are counted by flag, variant and
 * reason.
 */
class KVFlagsOutageTests {

	private static final String TOKEN = "flags-token";

	private static final String ACCOUNT = "acct";

	private static KVEmulator emulator;

	private static String namespaceId;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, KVAutoConfiguration.class,
				KVFlagsAutoConfiguration.class, KVFlagsMetricsAutoConfiguration.class,
				KVFlagsHealthContributorAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=",
				"cloudflare.kv.mode=remote", "cloudflare.kv.account-id=" + ACCOUNT, "cloudflare.kv.api-token=" + TOKEN,
				"cloudflare.kv.retry.enabled=false");

	@BeforeAll
	static void startEmulator() {
		emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));
		try (CloudflareKVClient client = CloudflareKVClient
			.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN)).withBaseUrl(emulator.baseUrl()))) {
			namespaceId = client.createNamespace("flags").id();
		}
	}

	@AfterEach
	void resetFaults() {
		emulator.faults().reset();
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	private ApplicationContextRunner remote() {
		return this.contextRunner.withPropertyValues("cloudflare.kv.base-url=" + emulator.baseUrl(),
				"cloudflare.kv.namespaces.FLAGS.id=" + namespaceId);
	}

	@Test
	void anOutageIsServedFromTheLastGoodDocumentsShownInHealthAndMetersAndClearedByTheNextGoodRefresh() {
		remote().run((context) -> {
			FeatureFlags flags = context.getBean(FeatureFlags.class);
			context.getBean(FeatureFlagsAdmin.class)
				.setFlag("beta", JsonNodeFactory.instance.booleanNode(true), FlagChange.by("ops"));
			HealthIndicator health = context.getBean("flagsHealthIndicator", HealthIndicator.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(health.health().getDetails()).containsEntry("stale", false).containsEntry("globalVersion", 1L);

			emulator.faults().serverErrorRate(1.0);
			flags.refresh();

			assertThat(flags.getBooleanDetails("beta", false, FlagContext.empty()).value()).isTrue();
			assertThat(flags.getBooleanDetails("beta", false, FlagContext.empty()).reason()).isEqualTo(FlagReason.STALE);
			Health stale = health.health();
			assertThat(stale.getStatus()).isEqualTo(Status.UP);
			assertThat(stale.getDetails()).containsEntry("stale", true).containsKeys("staleSince", "lastError");
			assertThat(String.valueOf(stale.getDetails().get("lastError"))).doesNotContain(TOKEN);
			assertThat(meters.get(KVFlagsMeterBinder.STALE).gauge().value()).isEqualTo(1);
			assertThat(meters.get(KVFlagsMeterBinder.STALENESS).gauge().value()).isGreaterThanOrEqualTo(0);
			assertThat(meters.get(KVFlagsMetricsListener.REFRESHES).tag("outcome", "failure").counter().count())
				.isEqualTo(1);

			emulator.faults().reset();
			flags.refresh();

			assertThat(health.health().getDetails()).containsEntry("stale", false).doesNotContainKey("staleSince");
			assertThat(meters.get(KVFlagsMeterBinder.STALE).gauge().value()).isZero();
			assertThat(meters.get(KVFlagsMeterBinder.STALENESS).gauge().value()).isZero();
			assertThat(flags.getBooleanDetails("beta", false, FlagContext.empty()).reason()).isEqualTo(FlagReason.STATIC);
		});
	}

	@Test
	void aColdStartWithKvDownIsDownInHealthAndAnswersDefaults() {
		emulator.faults().dropRate(1.0);
		remote().withPropertyValues("cloudflare.kv.flags.defaults.beta=true").run((context) -> {
			emulator.faults().reset();
			FeatureFlags flags = context.getBean(FeatureFlags.class);
			assertThat(flags.getBooleanDetails("beta", false, FlagContext.empty()).value()).isTrue();
			assertThat(flags.getBooleanDetails("beta", false, FlagContext.empty()).reason()).isEqualTo(FlagReason.ERROR);
			HealthIndicator health = context.getBean("flagsHealthIndicator", HealthIndicator.class);
			assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(context.getBean(MeterRegistry.class).get(KVFlagsMeterBinder.STALE).gauge().value()).isEqualTo(1);

			flags.refresh();
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void evaluationsRefreshesAndAdminWritesAreCounted() {
		remote().run((context) -> {
			FeatureFlagsAdmin admin = context.getBean(FeatureFlagsAdmin.class);
			admin.setDocument(JsonNodeFactory.instance.objectNode().set("ab", json("""
						{"state": "ENABLED", "variants": {"a": "A", "b": "B"}, "defaultVariant": "a",
						 "targeting": {"if": [{"==": [{"var": "targetingKey"}, "ann"]}, "b", null]}}""")),
					FlagChange.by("ops"));
			admin.setUserFlag("cy", "ab", JsonNodeFactory.instance.stringNode("C"), FlagChange.by("ops"));
			FeatureFlags flags = context.getBean(FeatureFlags.class);
			flags.getString("ab", "x", FlagContext.of("ann"));
			flags.getString("ab", "x", FlagContext.of("ann"));
			flags.getString("ab", "x", FlagContext.of("bob"));
			flags.getBoolean("ab", false, FlagContext.of("bob"));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(KVFlagsMetricsListener.EVALUATIONS)
				.tags("flag", "ab", "variant", "b", "reason", "TARGETING_MATCH")
				.counter()
				.count()).isEqualTo(2);
			assertThat(meters.get(KVFlagsMetricsListener.EVALUATIONS)
				.tags("flag", "ab", "variant", "a", "reason", "DEFAULT")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get(KVFlagsMetricsListener.EVALUATIONS)
				.tags("flag", "ab", "variant", "none", "reason", "ERROR")
				.counter()
				.count()).isEqualTo(1);
			assertThat(meters.get(KVFlagsMetricsListener.ADMIN_WRITES).tag("document", "global").counter().count())
				.isEqualTo(1);
			assertThat(meters.get(KVFlagsMetricsListener.ADMIN_WRITES).tag("document", "user").counter().count())
				.isEqualTo(1);
			assertThat(meters.get(KVFlagsMetricsListener.REFRESHES).tag("outcome", "changed").counter().count())
				.isGreaterThanOrEqualTo(2);
		});
	}

	private static tools.jackson.databind.JsonNode json(String text) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
	}

}
