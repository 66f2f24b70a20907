package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.KVNamespace;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.NamedBeanHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers the resolved {@link KVBindings} and one {@link KVNamespace} bean per binding, named after the
 * binding, each obtained from the {@link KVNamespaces} registry when first needed.
 *
 * <p>Binds {@code cloudflare.kv} itself, because {@link KVProperties} is not bound yet when bean definitions
 * are registered. A bean the application already defines under a binding's name replaces that binding's
 * bean. With exactly one binding, its bean is primary. When the application defines a {@link KVNamespace}
 * bean of its own, the binding beans stay out of injection by type (they are not default candidates): they
 * are still injected by {@code @Qualifier("BINDING")}, and the application's bean is the one injected by type.
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
		registry.registerBeanDefinition(BINDINGS_BEAN_NAME, new RootBeanDefinition(KVBindings.class, () -> bindings));
		boolean applicationNamespace = this.beanFactory.getBeanNamesForType(KVNamespace.class, true, false).length > 0;
		boolean single = bindings.names().size() == 1;
		for (String name : bindings.names()) {
			if (this.beanFactory.containsBean(name)) {
				continue;
			}
			RootBeanDefinition definition = new RootBeanDefinition(KVNamespace.class, () -> namespace(name));
			definition.setPrimary(single && !applicationNamespace);
			definition.setDefaultCandidate(!applicationNamespace);
			registry.registerBeanDefinition(name, definition);
		}
	}

	/** The binding's namespace from the registry, which then outlives the binding's bean on shutdown. */
	private KVNamespace namespace(String binding) {
		NamedBeanHolder<KVNamespaces> registry = this.beanFactory.resolveNamedBean(KVNamespaces.class);
		this.beanFactory.registerDependentBean(registry.getBeanName(), binding);
		return registry.getBeanInstance().get(binding);
	}

}
