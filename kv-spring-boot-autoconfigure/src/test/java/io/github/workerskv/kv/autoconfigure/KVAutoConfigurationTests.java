package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KVAutoConfiguration} in local mode: the beans each binding gets, their names and primacy, back-off,
 * preview ids, persistence and start-up logging.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVAutoConfigurationTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class));

	@Test
	void oneBindingBecomesAPrimaryKVNamespaceBeanNamedAfterItOnTheEmbeddedStore() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.MY_NAMESPACE.id=" + FLAGS_ID).run((context) -> {
			assertThat(context).hasSingleBean(KVNamespace.class).hasBean("MY_NAMESPACE");
			KVNamespace namespace = context.getBean("MY_NAMESPACE", KVNamespace.class);
			assertThat(context.getBeanFactory().getBeanDefinition("MY_NAMESPACE").isPrimary()).isTrue();
			namespace.put("greeting", "hello");
			assertThat(context.getBean(LocalKVStore.class).namespace(FLAGS_ID).get("greeting")).isEqualTo("hello");
			assertThat(context.getBean(KVNamespaces.class).get("MY_NAMESPACE")).isSameAs(namespace);
			assertThat(context).doesNotHaveBean(CloudflareKVClient.class).doesNotHaveBean(KVConnectionDetails.class);
		});
	}

	@Test
	void explicitLocalModeIsTheDefault() {
		this.contextRunner.withPropertyValues("cloudflare.kv.mode=local", "cloudflare.kv.namespaces.FLAGS.id=x")
			.run((context) -> assertThat(context).hasSingleBean(LocalKVStore.class)
				.doesNotHaveBean(CloudflareKVClient.class)
				.hasBean("FLAGS"));
	}

	@Test
	void bindingWithoutAnIdUsesItsNameAsTheEmbeddedNamespaceId() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.CACHE.preview-id=preview").run((context) -> {
			context.getBean(KVNamespace.class).put("k", "v");
			assertThat(context.getBean(LocalKVStore.class).namespace("CACHE").get("k")).isEqualTo("v");
		});
	}

	@Test
	void anyTextIsANamespaceIdInLocalMode() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=not a cloudflare id")
			.run((context) -> {
				context.getBean(KVNamespace.class).put("k", "v");
				assertThat(context.getBean(LocalKVStore.class).namespace("not a cloudflare id").get("k")).isEqualTo("v");
			});
	}

	@Test
	void twoBindingsAreTwoBeansNamedAfterThemAndNeitherIsInjectedByTypeAlone() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				assertThat(context.getBeansOfType(KVNamespace.class)).containsOnlyKeys("FLAGS", "CACHE");
				assertThatExceptionOfType(NoUniqueBeanDefinitionException.class)
					.isThrownBy(() -> context.getBean(KVNamespace.class));
				KVNamespaces namespaces = context.getBean(KVNamespaces.class);
				assertThat(namespaces.names()).containsExactly("FLAGS", "CACHE");
				assertThat(context.getBean("FLAGS")).isSameAs(namespaces.get("FLAGS"));
				assertThat(context.getBean("CACHE")).isSameAs(namespaces.get("CACHE"));
				namespaces.get("FLAGS").put("k", "flag");
				namespaces.get("CACHE").put("k", "cached");
				assertThat(context.getBean(LocalKVStore.class).namespace(FLAGS_ID).get("k")).isEqualTo("flag");
				assertThat(context.getBean(LocalKVStore.class).namespace("cache").get("k")).isEqualTo("cached");
			});
	}

	@Test
	void qualifierNamedAfterABindingInjectsThatBinding() {
		this.contextRunner.withUserConfiguration(QualifiedConsumerConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				QualifiedConsumer consumer = context.getBean(QualifiedConsumer.class);
				assertThat(consumer.flags()).isSameAs(context.getBean(KVNamespaces.class).get("FLAGS"));
				assertThat(consumer.cache()).isSameAs(context.getBean(KVNamespaces.class).get("CACHE"));
			});
	}

	@Test
	void noBindingsGiveAnEmptyRegistryAndNoKVNamespaceBean() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LocalKVStore.class);
			assertThat(context).doesNotHaveBean(KVNamespace.class);
			assertThat(context.getBean(KVNamespaces.class).names()).isEmpty();
		});
	}

	@Test
	void unknownBindingIsRejectedNamingTheKnownBindingsAndThePropertyToSet() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> assertThatExceptionOfType(UnknownBindingException.class)
				.isThrownBy(() -> context.getBean(KVNamespaces.class).get("SESSIONS"))
				.withMessage("No KV namespace is bound as 'SESSIONS' (known bindings: FLAGS, CACHE). "
						+ "Bind it with the property cloudflare.kv.namespaces.SESSIONS.id")
				.satisfies((ex) -> {
					assertThat(ex.binding()).isEqualTo("SESSIONS");
					assertThat(ex.knownBindings()).containsExactly("FLAGS", "CACHE");
					assertThat(ex.referencingProperty()).isNull();
				}));
	}

	@Test
	void unknownBindingWithNoneConfiguredSaysThereAreNone() {
		this.contextRunner.run((context) -> assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> context.getBean(KVNamespaces.class).get("MY_NAMESPACE"))
			.withMessageContaining("(known bindings: none)")
			.withMessageContaining("cloudflare.kv.namespaces.MY_NAMESPACE.id"));
	}

	@Test
	void userDefinedLocalKVStoreBacksTheRegistry() {
		this.contextRunner.withUserConfiguration(UserStoreConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.MY_NAMESPACE.id=mine")
			.run((context) -> {
				assertThat(context).hasSingleBean(LocalKVStore.class);
				assertThat(context).getBean(LocalKVStore.class).isSameAs(context.getBean("userStore"));
				context.getBean(KVNamespace.class).put("k", "v");
				assertThat(context.getBean(LocalKVStore.class).namespace("mine").get("k")).isEqualTo("v");
			});
	}

	@Test
	void userDefinedKVNamespacesReplacesTheRegistryAndFeedsTheBindingBeans() {
		this.contextRunner.withUserConfiguration(UserNamespacesConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.MY_NAMESPACE.id=ignored")
			.run((context) -> {
				assertThat(context).hasSingleBean(KVNamespaces.class);
				assertThat(context).getBean(KVNamespaces.class).isSameAs(context.getBean("userNamespaces"));
				assertThat(context.getBean(KVNamespace.class))
					.isSameAs(context.getBean(LocalKVStore.class).namespace("from-user"));
			});
	}

	@Test
	void userDefinedRegistryWithoutAConfiguredBindingFailsThatBindingsBean() {
		this.contextRunner.withUserConfiguration(UserNamespacesConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.OTHER.id=other")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnknownBindingException.class)
				.hasMessageContaining("'OTHER' (known bindings: MY_NAMESPACE)"));
	}

	@Test
	void userDefinedKVNamespaceIsInjectedByTypeAndTheBindingStaysAvailableByName() {
		this.contextRunner.withUserConfiguration(UserNamespaceConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.MY_NAMESPACE.id=configured")
			.run((context) -> {
				assertThat(context.getBean(KVNamespace.class)).isSameAs(context.getBean("userNamespace"));
				assertThat(context.getBean("MY_NAMESPACE"))
					.isSameAs(context.getBean(LocalKVStore.class).namespace("configured"));
			});
	}

	@Test
	void beanNamedAfterABindingReplacesThatBindingsBeanOnly() {
		this.contextRunner.withUserConfiguration(UserFlagsConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				assertThat(context.getBean("FLAGS")).isSameAs(UserFlagsConfiguration.FLAGS);
				assertThat(context.getBean("CACHE")).isSameAs(context.getBean(KVNamespaces.class).get("CACHE"));
			});
	}

	@Test
	void usePreviewIdsPicksEachBindingsPreviewIdAndFallsBackToItsIdLocally() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.use-preview-ids=true", "cloudflare.kv.namespaces.FLAGS.id=flags",
					"cloudflare.kv.namespaces.FLAGS.preview-id=flags-preview", "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				LocalKVStore store = context.getBean(LocalKVStore.class);
				assertThat(context.getBean("FLAGS")).isSameAs(store.namespace("flags-preview"));
				assertThat(context.getBean("CACHE")).isSameAs(store.namespace("cache"));
			});
	}

	@Test
	void previewIdIsIgnoredWithoutUsePreviewIds() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags",
					"cloudflare.kv.namespaces.FLAGS.preview-id=flags-preview")
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(LocalKVStore.class).namespace("flags")));
	}

	@Test
	void persistPathReachesTheStoreOptions(@TempDir Path dir) {
		Path file = dir.resolve("kv.sqlite");
		this.contextRunner.withPropertyValues("cloudflare.kv.local.persist-path=" + file)
			.run((context) -> assertThat(context.getBean(LocalKVStore.class).options().persistPath()).isEqualTo(file));
	}

	@Test
	void persistPathWithoutKvSqliteFailsStartupNamingThePropertyAndTheModule(@TempDir Path dir) {
		Path file = dir.resolve("kv.sqlite");
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.workerskv.kv.sqlite"))
			.withPropertyValues("cloudflare.kv.local.persist-path=" + file)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("cloudflare.kv.local.persist-path");
					assertThat(ex.getReason()).contains("io.github.workerskv:kv-sqlite");
				}));
	}

	@Test
	void namespacesOfTheStoreAreNamedAfterTheirBindings() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=")
			.run((context) -> {
				assertThat(context.getBean("FLAGS", KVNamespace.class).name()).isEqualTo("FLAGS");
				assertThat(context.getBean("FLAGS", KVNamespace.class).id()).isEqualTo("flags");
				assertThat(context.getBean("CACHE", KVNamespace.class).id()).isEqualTo("CACHE");
			});
	}

	@Test
	void embeddedStoreIsInMemoryWithoutAPersistPath() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(LocalKVStore.class).options().persistPath()).isNull());
	}

	@Test
	void embeddedStoreIsClosedWithTheContext() {
		this.contextRunner.run((context) -> assertThat(
				context.getBeanFactory().getBeanDefinition("localKVStore").getDestroyMethodName())
			.isEqualTo("close"));
	}

	@Test
	void startUpLogsOneInfoLinePerBindingWithModeAndNamespaceId(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("KV binding 'FLAGS': local namespace " + FLAGS_ID
						+ " (embedded store in memory)");
				assertThat(output).contains("KV binding 'CACHE': local namespace cache (embedded store in memory)");
				assertThat(output.toString().lines().filter((line) -> line.contains("KV binding '"))).hasSize(2)
					.allMatch((line) -> line.contains("INFO"));
			});
	}

	@Test
	void withoutKVCoreOnTheClassPathNothingIsConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(KVNamespace.class))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags")
			.run((context) -> assertThat(context).doesNotHaveBean(KVNamespaces.class)
				.doesNotHaveBean(LocalKVStore.class)
				.doesNotHaveBean("FLAGS"));
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
	static class UserStoreConfiguration {

		@Bean
		LocalKVStore userStore() {
			return LocalKVStore.inMemory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserNamespacesConfiguration {

		@Bean
		LocalKVStore userStore() {
			return LocalKVStore.inMemory();
		}

		@Bean
		KVNamespaces userNamespaces(LocalKVStore store) {
			return KVNamespaces.of(Map.of("MY_NAMESPACE", store.namespace("from-user")));
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
