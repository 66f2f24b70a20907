package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.KVNamespace;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers the {@link KVBindings} and one {@link KVNamespace} bean per binding, named after the binding, each
 * taken from the {@link KVNamespaces} registry when first needed.
 *
 * <p>The definitions name static factory methods ({@link KVBindings#resolve(KVProperties)} and
 * {@link #namespace(KVNamespaces, String)}) instead of holding instance suppliers, so that Spring AOT can
 * generate code for them. The binding <em>names</em> are read here, from {@code cloudflare.kv} bound by itself
 * (because {@link KVProperties} is not bound yet when bean definitions are registered), and so are fixed at
 * build time under AOT, as every condition is; the ids and everything else are resolved from the
 * {@link KVProperties} bean when the context starts.
 *
 * <p>A bean the application already defines under a binding's name replaces that binding's bean. With exactly
 * one binding, its bean is primary. When the application defines a {@link KVNamespace} bean of its own, the
 * binding beans stay out of injection by type (they are not default candidates): they are still injected by
 * {@code @Qualifier("BINDING")}, and the application's bean is the one injected by type.
 */
class KVNamespaceBeanRegistrar implements ImportBeanDefinitionRegistrar {

	/** The bean name of the resolved bindings. */
	static final String BINDINGS_BEAN_NAME = KVBindings.class.getName();

	private final Environment environment;

	private final ConfigurableListableBeanFactory beanFactory;

	KVNamespaceBeanRegistrar(Environment environment, BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
				"KV binding beans need a ConfigurableListableBeanFactory");
		this.environment = environment;
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		KVBindings bindings = KVBindings
			.resolve(Binder.get(this.environment).bindOrCreate(KVProperties.PREFIX, KVProperties.class));
		registry.registerBeanDefinition(BINDINGS_BEAN_NAME, factoryMethod(KVBindings.class, "resolve"));
		boolean applicationNamespace = this.beanFactory.getBeanNamesForType(KVNamespace.class, true, false).length > 0;
		boolean single = bindings.names().size() == 1;
		for (String name : bindings.names()) {
			if (this.beanFactory.containsBean(name)) {
				continue;
			}
			RootBeanDefinition definition = factoryMethod(KVNamespaceBeanRegistrar.class, "namespace");
			definition.setTargetType(KVNamespace.class);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
			definition.setPrimary(single && !applicationNamespace);
			definition.setDefaultCandidate(!applicationNamespace);
			registry.registerBeanDefinition(name, definition);
		}
	}

	/**
	 * The binding's namespace from the registry. The registry is an autowired argument, so it outlives the
	 * binding's bean on shutdown.
	 * @param namespaces the registry
	 * @param binding the binding name
	 * @return the namespace
	 */
	static KVNamespace namespace(KVNamespaces namespaces, String binding) {
		return namespaces.get(binding);
	}

	/** A bean made by a static method whose arguments without a given value are autowired, as a {@code @Bean}'s. */
	private static RootBeanDefinition factoryMethod(Class<?> type, String method) {
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.setUniqueFactoryMethodName(method);
		definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
		return definition;
	}

}
