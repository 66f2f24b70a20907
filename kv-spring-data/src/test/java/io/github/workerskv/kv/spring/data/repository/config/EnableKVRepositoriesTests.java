package io.github.workerskv.kv.spring.data.repository.config;

import java.util.function.Consumer;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;
import io.github.workerskv.kv.spring.data.KVRepositoryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.Id;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.repository.CrudRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** How {@link EnableKVRepositories} chooses its namespace and which beans it registers. */
class EnableKVRepositoriesTests {

	@KeySpace("items")
	static class Item {

		@Id
		String id;

		String name;

		Item() {
		}

		Item(String id, String name) {
			this.id = id;
			this.name = name;
		}

	}

	interface ItemRepository extends CrudRepository<Item, String> {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(considerNestedRepositories = true)
	static class ByTheOnlyNamespace {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(considerNestedRepositories = true, binding = "ITEMS")
	static class ByBinding {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(basePackages = "io.github.workerskv.kv.spring.data.repository.config.none")
	static class WithoutRepositories {

	}

	private final LocalKVStore store = LocalKVStore.inMemory();

	@AfterEach
	void closeStore() {
		this.store.close();
	}

	private AnnotationConfigApplicationContext context(Class<?> config, Consumer<AnnotationConfigApplicationContext> beans) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		beans.accept(context);
		context.register(config);
		context.refresh();
		return context;
	}

	private void namespace(AnnotationConfigApplicationContext context, String name) {
		context.registerBean(name, KVNamespace.class, () -> this.store.namespace(name));
	}

	@Test
	void theOnlyNamespaceIsUsedWithoutABindingAndTheTemplateAndAdapterAreBeans() {
		try (var context = context(ByTheOnlyNamespace.class, (c) -> namespace(c, "ONLY"))) {
			context.getBean(ItemRepository.class).save(new Item("1", "one"));

			assertThat(this.store.namespace("ONLY").get("items:1")).isEqualTo("{\"id\":\"1\",\"name\":\"one\"}");
			assertThat(context.getBean("kvKeyValueTemplate")).isInstanceOf(KeyValueOperations.class);
			assertThat(context.getBean("kvKeyValueTemplateAdapter", KVKeyValueAdapter.class).getNamespace())
				.isSameAs(this.store.namespace("ONLY"));
			assertThat(context.containsBean(KVRepositoryConfigurationExtension.KV_MAPPING_CONTEXT)).isTrue();
		}
		assertThat(this.store.namespace("ONLY").get("items:1")).as("closing the context keeps the data").isNotNull();
	}

	@Test
	void theBindingNamesTheNamespaceBean() {
		try (var context = context(ByBinding.class, (c) -> {
			namespace(c, "ITEMS");
			namespace(c, "CACHE");
		})) {
			context.getBean(ItemRepository.class).save(new Item("1", "one"));

			assertThat(this.store.namespace("ITEMS").get("items:1")).isNotNull();
			assertThat(this.store.namespace("CACHE").list().keys()).isEmpty();
		}
	}

	@Test
	void anOptionsBeanConfiguresTheAdapterAndNamesTheBindingWhenTheAnnotationDoesNot() {
		try (var context = context(ByTheOnlyNamespace.class, (c) -> {
			namespace(c, "ITEMS");
			namespace(c, "CACHE");
			c.registerBean(KVRepositoryOptions.class,
					() -> KVRepositoryOptions.defaults().withBinding("CACHE").withKeySeparator("/"));
		})) {
			context.getBean(ItemRepository.class).save(new Item("1", "one"));

			assertThat(this.store.namespace("CACHE").get("items/1")).isNotNull();
		}
	}

	@Test
	void anUnknownBindingFailsNamingTheNamespacesThereAre() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(ByBinding.class, (c) -> namespace(c, "CACHE")))
			.havingRootCause()
			.isInstanceOfSatisfying(KVRepositoryBindingException.class, (ex) -> {
				assertThat(ex.getBinding()).isEqualTo("ITEMS");
				assertThat(ex.getAvailableBindings()).containsExactly("CACHE");
			})
			.withMessageContaining("binding 'ITEMS'")
			.withMessageContaining("[CACHE]");
	}

	@Test
	void twoNamespacesWithoutABindingFailAskingForOne() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(ByTheOnlyNamespace.class, (c) -> {
				namespace(c, "A");
				namespace(c, "B");
			}))
			.havingRootCause()
			.isInstanceOf(KVRepositoryBindingException.class)
			.withMessageContaining("there are 2 [A, B]")
			.withMessageContaining("@EnableKVRepositories(binding = ...)");
	}

	@Test
	void noNamespaceFailsSayingSo() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(ByTheOnlyNamespace.class, (c) -> {
			}))
			.havingRootCause()
			.isInstanceOf(KVRepositoryBindingException.class)
			.withMessageContaining("need a KVNamespace bean, and there is none");
	}

	@Test
	void withoutRepositoriesNoNamespaceIsNeeded() {
		try (var context = context(WithoutRepositories.class, (c) -> {
		})) {
			assertThat(context.containsBean("kvKeyValueTemplate")).isTrue();
			assertThat(context.getBeanFactory().containsSingleton("kvKeyValueTemplate"))
				.as("the template is made with the first repository").isFalse();
		}
	}

}
