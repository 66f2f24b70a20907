package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KVAutoConfiguration} under Spring AOT: the code generated for the binding beans starts a context that
 * behaves as the one {@link KVAutoConfigurationTests} checks on the JVM. Binding names are fixed when the code is
 * generated; ids are read when the context starts.
 */
@CompileWithForkedClassLoader
class KVAutoConfigurationAotTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class));

	@Test
	void singleBindingIsAPrimaryBeanNamedAfterItFromGeneratedCode() {
		String[] properties = { "cloudflare.kv.namespaces.MY_NAMESPACE.id=mine" };
		AotContexts.run(this.contextRunner.withPropertyValues(properties), properties, (context) -> {
			KVNamespace namespace = context.getBean(KVNamespace.class);
			assertThat(context.getBeanDefinition("MY_NAMESPACE").isPrimary()).isTrue();
			assertThat(context.getBean("MY_NAMESPACE")).isSameAs(namespace)
				.isSameAs(context.getBean(KVNamespaces.class).get("MY_NAMESPACE"))
				.isSameAs(context.getBean(LocalKVStore.class).namespace("mine"));
			namespace.put("greeting", "hello");
			assertThat(context.getBean(LocalKVStore.class).namespace("mine").get("greeting")).isEqualTo("hello");
		});
	}

	@Test
	void qualifierNamedAfterABindingInjectsItAndNeitherOfTwoIsInjectedByType() {
		String[] properties = { "cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache" };
		AotContexts.run(this.contextRunner.withUserConfiguration(QualifiedConsumerConfiguration.class)
			.withPropertyValues(properties), properties, (context) -> {
				KVNamespaces namespaces = context.getBean(KVNamespaces.class);
				QualifiedConsumer consumer = context.getBean(QualifiedConsumer.class);
				assertThat(consumer.flags()).isSameAs(namespaces.get("FLAGS"));
				assertThat(consumer.cache()).isSameAs(namespaces.get("CACHE"));
				assertThat(context.getBeansOfType(KVNamespace.class)).containsOnlyKeys("FLAGS", "CACHE");
				assertThatExceptionOfType(NoUniqueBeanDefinitionException.class)
					.isThrownBy(() -> context.getBean(KVNamespace.class));
			});
	}

	@Test
	void applicationKVNamespaceIsInjectedByTypeAndTheBindingStaysAvailableByName() {
		String[] properties = { "cloudflare.kv.namespaces.MY_NAMESPACE.id=configured" };
		AotContexts.run(this.contextRunner.withUserConfiguration(UserNamespaceConfiguration.class)
			.withPropertyValues(properties), properties, (context) -> {
				assertThat(context.getBean(KVNamespace.class)).isSameAs(context.getBean("userNamespace"));
				assertThat(((AbstractBeanDefinition) context.getBeanDefinition("MY_NAMESPACE")).isDefaultCandidate()).isFalse();
				assertThat(context.getBean("MY_NAMESPACE"))
					.isSameAs(context.getBean(LocalKVStore.class).namespace("configured"));
			});
	}

	@Test
	void beanNamedAfterABindingReplacesThatBindingsBeanOnly() {
		String[] properties = { "cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache" };
		AotContexts.run(this.contextRunner.withUserConfiguration(UserFlagsConfiguration.class)
			.withPropertyValues(properties), properties, (context) -> {
				assertThat(context.getBean("FLAGS")).isSameAs(UserFlagsConfiguration.FLAGS);
				assertThat(context.getBean("CACHE")).isSameAs(context.getBean(KVNamespaces.class).get("CACHE"));
			});
	}

	@Test
	void idsAreThoseOfTheRunNotOfTheBuild() {
		AotContexts.run(this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=build-time"),
				new String[] { "cloudflare.kv.namespaces.FLAGS.id=run-time" }, (context) -> {
					assertThat(context.getBean("FLAGS", KVNamespace.class).id()).isEqualTo("run-time");
					assertThat(context.getBean("FLAGS", KVNamespace.class).name()).isEqualTo("FLAGS");
				});
	}

	@Test
	void bindingOfTheBuildThatTheRunDoesNotConfigureFailsStartUpNamingItsProperty() {
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> AotContexts.run(this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=f"),
					new String[] { "cloudflare.kv.namespaces.OTHER.id=o" }, (context) -> {
					}))
			.havingRootCause()
			.isInstanceOf(UnknownBindingException.class)
			.withMessageContaining("'FLAGS' (known bindings: OTHER)")
			.withMessageContaining("cloudflare.kv.namespaces.FLAGS.id");
	}

	@Test
	void remoteModeTalksToTheRestApiFromGeneratedCode() {
		try (KVEmulator emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken("t").withAccountId("acct"))) {
			String id;
			try (CloudflareKVClient admin = CloudflareKVClient
				.create(CloudflareKVConfig.of("acct", Credentials.apiToken("t")).withBaseUrl(emulator.baseUrl()))) {
				id = admin.createNamespace("flags").id();
			}
			String[] properties = { "cloudflare.kv.mode=remote", "cloudflare.kv.account-id=acct",
					"cloudflare.kv.api-token=t", "cloudflare.kv.base-url=" + emulator.baseUrl(),
					"cloudflare.kv.namespaces.FLAGS.id=" + id, "CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=",
					"CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=" };
			AotContexts.run(this.contextRunner.withPropertyValues(properties), properties, (context) -> {
				assertThat(context.getBeanNamesForType(LocalKVStore.class)).isEmpty();
				context.getBean("FLAGS", KVNamespace.class).put("dark-mode", "on");
				assertThat(emulator.store().namespace(id).get("dark-mode")).isEqualTo("on");
			});
		}
	}

	record QualifiedConsumer(KVNamespace flags, KVNamespace cache) {
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedConsumerConfiguration {

		@Bean
		QualifiedConsumer consumer(@Qualifier("FLAGS") KVNamespace flags, @Qualifier("CACHE") KVNamespace cache) {
			return new QualifiedConsumer(flags, cache);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserNamespaceConfiguration {

		@Bean
		KVNamespace userNamespace() {
			return LocalKVStore.inMemory().namespace("user");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFlagsConfiguration {

		static final KVNamespace FLAGS = LocalKVStore.inMemory().namespace("user-flags");

		@Bean("FLAGS")
		KVNamespace flags() {
			return FLAGS;
		}

	}

}
