package io.github.workerskv.kv.autoconfigure.metrics;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@link KVMetricsAutoConfiguration}: which namespaces are metered, under which binding tag, and back-off. */
class KVMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void singleBindingBeanIsMeteredUnderItsBindingName() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags").run((context) -> {
			KVNamespace namespace = context.getBean(KVNamespace.class);
			namespace.put("k", "v");
			namespace.get("k");
			namespace.get("missing");

			assertThat(count(context, "FLAGS", "put", "success")).isEqualTo(1);
			assertThat(count(context, "FLAGS", "get", "hit")).isEqualTo(1);
			assertThat(count(context, "FLAGS", "get", "miss")).isEqualTo(1);
		});
	}

	@Test
	void registryHandsOutMeteredNamespacesTaggedWithTheirBindings() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				KVNamespaces namespaces = context.getBean(KVNamespaces.class);
				assertThat(namespaces.names()).containsExactly("FLAGS", "CACHE");
				assertThat(namespaces.get("FLAGS")).isSameAs(namespaces.get("FLAGS"));

				namespaces.get("FLAGS").put("k", "v");
				namespaces.get("CACHE").get("k");

				assertThat(count(context, "FLAGS", "put", "success")).isEqualTo(1);
				assertThat(count(context, "CACHE", "get", "miss")).isEqualTo(1);
				assertThat(context.getBean(LocalKVStore.class).namespace("flags").get("k")).isEqualTo("v");
			});
	}

	@Test
	void namespaceReachedAsBeanAndThroughTheRegistryIsCountedOnce() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags").run((context) -> {
			KVNamespace bean = context.getBean(KVNamespace.class);
			assertThat(bean).isSameAs(context.getBean(KVNamespaces.class).get("FLAGS"));

			bean.delete("k");

			assertThat(count(context, "FLAGS", "delete", "success")).isEqualTo(1);
		});
	}

	@Test
	void unknownBindingStillFailsWithTheRegistrysOwnMessage() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> context.getBean(KVNamespaces.class).get("SESSIONS"))
				.withMessageContaining("cloudflare.kv.namespaces.SESSIONS.id"));
	}

	@Test
	void aNamespaceOfTheStoreThatNoBindingNamesIsMeteredUnderItsId() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags").run((context) -> {
			context.getBean(LocalKVStore.class).namespace("scratch").put("k", "v");

			assertThat(count(context, "scratch", "put", "success")).isEqualTo(1);
		});
	}

	@Test
	void namespacesAreNotWrappedSoTheBeanIsTheStoresOwnNamespace() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags").run((context) -> {
			KVNamespace bean = context.getBean(KVNamespace.class);
			assertThat(bean).isSameAs(context.getBean(LocalKVStore.class).namespace("flags"));
			assertThat(bean.name()).isEqualTo("FLAGS");
			assertThat(context).hasSingleBean(KVMetricsListener.class);
		});
	}

	@Test
	void aNamespaceOfTheApplicationsOwnStoreIsNotMeteredUnlessTheStoreIsGivenTheListener() {
		this.contextRunner.withUserConfiguration(UserNamespaceConfiguration.class).run((context) -> {
			context.getBean("userNamespace", KVNamespace.class).put("k", "v");

			assertThat(count(context, "user", "put", "success")).isZero();
		});
		this.contextRunner.withUserConfiguration(ListenedNamespaceConfiguration.class).run((context) -> {
			context.getBean("listenedNamespace", KVNamespace.class).put("k", "v");

			assertThat(count(context, "listened", "put", "success")).isEqualTo(1);
		});
	}

	@Test
	void backsOffWithoutAMeterRegistryBean() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KVMetricsListener.class);
				assertThat(context.getBean(KVNamespace.class).get("k")).isNull();
			});
	}

	@Test
	void backsOffWithoutMicrometerOnTheClassPath() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(KVMetricsListener.class);
				assertThat(context.getBean(KVNamespace.class).get("k")).isNull();
			});
	}

	@Test
	void worksWithSpringBootsOwnMeterRegistryAutoConfiguration() {
		bootMetrics().run((context) -> {
			context.getBean(KVNamespace.class).put("k", "v");

			assertThat(count(context, "FLAGS", "put", "success")).isEqualTo(1);
		});
	}

	@Test
	void metersCanBeSwitchedOffWithManagementMetricsEnableKv() {
		bootMetrics().withPropertyValues("management.metrics.enable.kv=false").run((context) -> {
			context.getBean(KVNamespace.class).put("k", "v");

			assertThat(count(context, "FLAGS", "put", "success")).isZero();
		});
	}

	private ApplicationContextRunner bootMetrics() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags");
	}

	private static long count(AssertableApplicationContext context, String binding, String operation, String outcome) {
		Timer timer = context.getBean(MeterRegistry.class)
			.find("kv.operations")
			.tags("binding", binding, "operation", operation, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserNamespaceConfiguration {

		@Bean(destroyMethod = "close")
		LocalKVStore userStore() {
			return LocalKVStore.inMemory();
		}

		@Bean
		KVNamespace userNamespace(LocalKVStore userStore) {
			return userStore.namespace("user");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenedNamespaceConfiguration {

		@Bean(destroyMethod = "close")
		LocalKVStore listenedStore(KVMetricsListener listener) {
			return LocalKVStore.create(LocalKVStoreOptions.defaults().withListener(listener));
		}

		@Bean
		KVNamespace listenedNamespace(LocalKVStore listenedStore) {
			return listenedStore.namespace("listened");
		}

	}

}
