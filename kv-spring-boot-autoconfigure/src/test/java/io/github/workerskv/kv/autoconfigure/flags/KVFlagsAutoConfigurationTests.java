package io.github.workerskv.kv.autoconfigure.flags;

import java.time.Duration;
import java.util.Map;

import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.providers.memory.Flag;
import dev.openfeature.sdk.providers.memory.InMemoryProvider;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.flags.DocumentMode;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FeatureFlagsOptions;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagContext;
import io.github.workerskv.kv.flags.FlagReason;
import io.github.workerskv.kv.flags.openfeature.KVFeatureFlagsProvider;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The flag beans on the embedded store: which binding, which properties, what backs off, OpenFeature. */
class KVFlagsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVFlagsAutoConfiguration.class))
		.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags");

	@Test
	void theOnlyBindingHoldsTheDocumentsThatTheServiceAndTheAdminShare() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(FeatureFlags.class).hasSingleBean(FeatureFlagsAdmin.class);
			FeatureFlags flags = context.getBean(FeatureFlags.class);
			FeatureFlagsAdmin admin = context.getBean(FeatureFlagsAdmin.class);
			assertThat(flags.isEnabled("beta")).isFalse();

			admin.setFlag("beta", JsonNodeFactory.instance.booleanNode(true), FlagChange.by("ops"));

			assertThat(flags.isEnabled("beta")).as("the admin's write is answered at once").isTrue();
			assertThat(context.getBean(LocalKVStore.class).namespace("flags").get("flags:global"))
				.isEqualTo("{\"beta\":true}");
		});
	}

	@Test
	void severalBindingsWithoutANamedOneLeaveTheFlagsOff() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(FeatureFlags.class)
				.doesNotHaveBean(FeatureFlagsAdmin.class));
	}

	@Test
	void theNamedBindingHoldsTheDocuments() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache", "cloudflare.kv.flags.binding=FLAGS")
			.run((context) -> {
				context.getBean(LocalKVStore.class).namespace("flags").put("flags:global", "{\"beta\": true}");
				FeatureFlags flags = context.getBean(FeatureFlags.class);
				flags.refresh();
				assertThat(flags.isEnabled("beta")).isTrue();
			});
	}

	@Test
	void anUnknownBindingFailsStartUpNamingTheProperty() {
		this.contextRunner.withPropertyValues("cloudflare.kv.flags.binding=FLAGZ").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(UnknownBindingException.class)
				.hasMessageContaining("FLAGS");
			assertThat(context.getStartupFailure()).hasStackTraceContaining(
					"cloudflare.kv.flags.binding names the KV binding 'FLAGZ', but no KV namespace is bound under that name");
		});
	}

	@Test
	void disabledFlagsGiveNoBeans() {
		this.contextRunner.withPropertyValues("cloudflare.kv.flags.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FeatureFlags.class)
				.doesNotHaveBean(FeatureFlagsAdmin.class));
	}

	@Test
	void withoutKvFlagsOnTheClassPathNothingIsConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(FeatureFlags.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("featureFlags"));
	}

	@Test
	void propertiesConfigureKeysModeRefreshCacheAndDefaults() {
		this.contextRunner.withPropertyValues("cloudflare.kv.flags.key-prefix=ff/", "cloudflare.kv.flags.mode=merge",
				"cloudflare.kv.flags.refresh-interval=5m", "cloudflare.kv.flags.user-cache-size=2",
				"cloudflare.kv.flags.defaults.limit=5", "cloudflare.kv.flags.defaults.theme=light",
				"cloudflare.kv.flags.defaults.quoted=\"true\"", "cloudflare.kv.flags.defaults.banner={\"text\": \"hi\"}")
			.run((context) -> {
				FeatureFlags flags = context.getBean(FeatureFlags.class);
				assertThat(flags.getInteger("limit", 0, FlagContext.empty())).isEqualTo(5);
				assertThat(flags.getString("theme", "", FlagContext.empty())).isEqualTo("light");
				assertThat(flags.getString("quoted", "", FlagContext.empty())).isEqualTo("true");
				assertThat(flags.getObject("banner", Map.class, Map.of(), FlagContext.empty()))
					.isEqualTo(Map.of("text", "hi"));

				context.getBean(LocalKVStore.class).namespace("flags").put("ff/global", "{\"theme\": \"dark\", \"beta\": false}");
				context.getBean(LocalKVStore.class).namespace("flags").put("ff/user:ann", "{\"beta\": true}");
				flags.refresh();
				FlagContext ann = FlagContext.of("ann");
				assertThat(flags.isEnabled("beta", ann)).isTrue();
				assertThat(flags.getString("theme", "", ann)).as("merge mode").isEqualTo("dark");
				for (int i = 0; i < 5; i++) {
					flags.isEnabled("beta", FlagContext.of("user-" + i));
				}
				assertThat(flags.state().cachedUsers()).isEqualTo(2);
			});
	}

	@Test
	void anOutOfRangeValueFailsStartUpNamingItsProperty() {
		this.contextRunner.withPropertyValues("cloudflare.kv.flags.refresh-interval=500ms").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cloudflare.kv.flags.refresh-interval")
				.hasMessageContaining("at least 1s");
		});
		this.contextRunner.withPropertyValues("cloudflare.kv.flags.audit.retention=10s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("cloudflare.kv.flags.audit.retention"));
	}

	@Test
	void theApplicationsOwnServiceReplacesOursAndTheAdminKeepsItFresh() {
		this.contextRunner.withUserConfiguration(OwnFlags.class).run((context) -> {
			FeatureFlags own = context.getBean(FeatureFlags.class);
			assertThat(own.state().globalVersion()).isNull();
			context.getBean(FeatureFlagsAdmin.class)
				.setFlag("beta", JsonNodeFactory.instance.booleanNode(true), FlagChange.by("ops"));
			assertThat(own.isEnabled("beta")).isTrue();
			assertThat(own.state().globalVersion()).isEqualTo(1);
		});
	}

	@Test
	void theOpenFeatureProviderIsRegisteredAndAnswersFromKV() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KVFeatureFlagsProvider.class);
			context.getBean(FeatureFlagsAdmin.class)
				.setUserFlag("ann", "beta", JsonNodeFactory.instance.booleanNode(true), FlagChange.by("ops"));
			OpenFeatureAPI api = context.getBean(OpenFeatureAPI.class);
			assertThat(api.getProvider()).isSameAs(context.getBean(KVFeatureFlagsProvider.class));
			FlagEvaluationDetails<Boolean> ann = api.getClient()
				.getBooleanDetails("beta", false, new ImmutableContext("ann"));
			assertThat(ann.getValue()).isTrue();
			assertThat(ann.getReason()).isEqualTo(FlagReason.STATIC.name());
			assertThat(api.getClient().getBooleanValue("beta", false, new ImmutableContext("bob"))).isFalse();
		});
		assertThat(OpenFeatureAPI.getInstance().getProvider()).isInstanceOf(NoOpProvider.class);
	}

	@Test
	void aFeatureProviderOfTheApplicationIsRegisteredInsteadOfOurs() {
		this.contextRunner.withUserConfiguration(OwnProvider.class).run((context) -> {
			assertThat(context).doesNotHaveBean(KVFeatureFlagsProvider.class).hasSingleBean(FeatureFlags.class);
			assertThat(context.getBean(OpenFeatureAPI.class).getProvider()).isSameAs(context.getBean(FeatureProvider.class));
			assertThat(context.getBean(OpenFeatureAPI.class).getClient().getStringValue("theme", "x")).isEqualTo("own");
		});
	}

	@Test
	void withoutTheOpenFeatureSdkTheFlagsWorkWithoutAProvider() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenFeatureAPI.class)).run((context) -> {
			assertThat(context).hasSingleBean(FeatureFlags.class).doesNotHaveBean("kvFeatureFlagsProvider");
			assertThat(context.getBean(FeatureFlags.class).getBooleanDetails("beta", true, FlagContext.empty()).reason())
				.isEqualTo(FlagReason.ERROR);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFlags {

		@Bean(destroyMethod = "close")
		FeatureFlags ownFlags(LocalKVStore store) {
			return FeatureFlags.create(store.namespace("flags"),
					FeatureFlagsOptions.defaults().withMode(DocumentMode.REPLACE).withRefreshInterval(Duration.ofHours(1)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProvider {

		@Bean
		FeatureProvider ownProvider() {
			return new InMemoryProvider(Map.of("theme", Flag.<String>builder()
				.variant("own", "own")
				.defaultVariant("own")
				.build()));
		}

	}

}
