package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@link KVAutoConfiguration} on the embedded store: which beans exist for which properties, and back-off. */
class KVAutoConfigurationTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class));

	@Test
	void oneBindingBecomesAKVNamespaceBeanOnTheEmbeddedStoreUnderItsId() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.MY_NAMESPACE.id=" + FLAGS_ID).run((context) -> {
			assertThat(context).hasSingleBean(KVNamespace.class);
			KVNamespace namespace = context.getBean(KVNamespace.class);
			namespace.put("greeting", "hello");
			assertThat(namespace.get("greeting")).isEqualTo("hello");
			assertThat(context.getBean(LocalKVStore.class).namespace(FLAGS_ID).get("greeting")).isEqualTo("hello");
			assertThat(context.getBean(KVNamespaces.class).get("MY_NAMESPACE")).isSameAs(namespace);
		});
	}

	@Test
	void bindingWithoutAnIdUsesItsNameAsTheEmbeddedNamespaceId() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.CACHE.preview-id=preview").run((context) -> {
			context.getBean(KVNamespace.class).put("k", "v");
			assertThat(context.getBean(LocalKVStore.class).namespace("CACHE").get("k")).isEqualTo("v");
			assertThat(context.getBean(KVProperties.class).getNamespaces().get("CACHE").getPreviewId())
				.isEqualTo("preview");
		});
	}

	@Test
	void twoBindingsAreBothInTheRegistryAndNeitherIsASingleKVNamespaceBean() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.namespaces.CACHE.id=cache")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(KVNamespace.class);
				KVNamespaces namespaces = context.getBean(KVNamespaces.class);
				assertThat(namespaces.names()).containsExactly("FLAGS", "CACHE");
				namespaces.get("FLAGS").put("k", "flag");
				namespaces.get("CACHE").put("k", "cached");
				assertThat(namespaces.get("FLAGS").get("k")).isEqualTo("flag");
				assertThat(namespaces.get("CACHE").get("k")).isEqualTo("cached");
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
			.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(KVNamespaces.class).get("SESSIONS"))
				.withMessage("No KV namespace is bound as 'SESSIONS' (known bindings: FLAGS, CACHE). "
						+ "Bind it with the property cloudflare.kv.namespaces.SESSIONS.id"));
	}

	@Test
	void unknownBindingWithNoneConfiguredSaysThereAreNone() {
		this.contextRunner.run((context) -> assertThatIllegalArgumentException()
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
	void userDefinedKVNamespacesReplacesTheRegistryAndFeedsTheSingleBinding() {
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
	void userDefinedKVNamespaceWins() {
		this.contextRunner.withUserConfiguration(UserNamespaceConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.MY_NAMESPACE.id=configured")
			.run((context) -> {
				assertThat(context).hasSingleBean(KVNamespace.class);
				assertThat(context).getBean(KVNamespace.class).isSameAs(context.getBean("userNamespace"));
			});
	}

	@Test
	void persistPathReachesTheStoreOptions(@TempDir Path dir) {
		Path file = dir.resolve("kv.sqlite");
		this.contextRunner.withPropertyValues("cloudflare.kv.local.persist-path=" + file)
			.run((context) -> assertThat(context.getBean(LocalKVStore.class).options().persistPath()).isEqualTo(file));
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

}
