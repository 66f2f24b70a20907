package io.github.workerskv.kv.autoconfigure.metrics;

import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
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
import static org.mockito.Mockito.mock;

/** {@link KVMetricsAutoConfiguration}: which namespaces get metered, under which binding tag, and back-off. */
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
	void applicationKVNamespaceBeanIsMeteredUnderItsBeanName() {
		this.contextRunner.withUserConfiguration(UserNamespaceConfiguration.class).run((context) -> {
			context.getBean("userNamespace", KVNamespace.class).put("k", "v");

			assertThat(count(context, "userNamespace", "put", "success")).isEqualTo(1);
		});
	}

	@Test
	void beanDeclaredWithAMoreSpecificTypeIsLeftUnmeteredSoInjectionByThatTypeStillWorks() {
		this.contextRunner.withUserConfiguration(SpecificTypeConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SpecificNamespace.class)).isNotInstanceOf(MeteredKVNamespace.class);
		});
	}

	@Test
	void cloudflareNamespacesStayCloudflareNamespaces() {
		this.contextRunner.withUserConfiguration(CloudflareRegistryConfiguration.class).run((context) -> {
			KVNamespace namespace = context.getBean(KVNamespaces.class).get("REMOTE");
			assertThat(namespace).isInstanceOf(MeteredKVNamespace.class).isInstanceOf(CloudflareKVNamespace.class);
		});
	}

	@Test
	void backsOffWithoutAMeterRegistryBean() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KVNamespaceMetricsPostProcessor.class);
				assertThat(context.getBean(KVNamespace.class)).isNotInstanceOf(MeteredKVNamespace.class);
			});
	}

	@Test
	void backsOffWithoutMicrometerOnTheClassPath() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(KVNamespaceMetricsPostProcessor.class);
				assertThat(context.getBean(KVNamespace.class)).isNotInstanceOf(MeteredKVNamespace.class);
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
	static class SpecificTypeConfiguration {

		@Bean
		SpecificNamespace specificNamespace() {
			return mock(SpecificNamespace.class);
		}

		@Bean
		String needsTheSpecificType(SpecificNamespace namespace) {
			return "injected";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CloudflareRegistryConfiguration {

		@Bean
		KVNamespaces kvNamespaces() {
			return KVNamespaces.of(Map.of("REMOTE", mock(CloudflareKVNamespace.class)));
		}

	}

	/** A namespace type of the application's own, injected by that type. */
	interface SpecificNamespace extends KVNamespace {

	}

}
