package io.github.workerskv.kv.spring.data.repository.config;

import java.util.Arrays;
import java.util.Objects;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;
import io.github.workerskv.kv.spring.data.KVRepositoryOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.mapping.callback.EntityCallbacks;

/**
 * Makes the {@link KVKeyValueAdapter} of {@link EnableKVRepositories}: finds the {@code KVNamespace} bean
 * of the binding, the {@link KVRepositoryOptions} bean (or the defaults) and the entity callbacks.
 */
class KVKeyValueAdapterFactoryBean implements FactoryBean<KVKeyValueAdapter>, BeanFactoryAware {

	private @Nullable ListableBeanFactory beanFactory;

	private String binding = "";

	private @Nullable KeyValueMappingContext<?, ?> mappingContext;

	private @Nullable KVKeyValueAdapter adapter;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ListableBeanFactory) beanFactory;
	}

	public void setBinding(String binding) {
		this.binding = binding;
	}

	public void setMappingContext(KeyValueMappingContext<?, ?> mappingContext) {
		this.mappingContext = mappingContext;
	}

	@Override
	public synchronized KVKeyValueAdapter getObject() {
		if (this.adapter == null) {
			ListableBeanFactory beans = Objects.requireNonNull(this.beanFactory, "beanFactory");
			KVRepositoryOptions options = beans.getBeanProvider(KVRepositoryOptions.class)
				.getIfAvailable(KVRepositoryOptions::defaults);
			String name = !this.binding.isBlank() ? this.binding : options.binding();
			KVKeyValueAdapter adapter = new KVKeyValueAdapter(namespace(beans, name),
					Objects.requireNonNull(this.mappingContext, "mappingContext"), options);
			adapter.setEntityCallbacks(EntityCallbacks.create(beans));
			this.adapter = adapter;
		}
		return this.adapter;
	}

	private static KVNamespace namespace(ListableBeanFactory beans, @Nullable String name) {
		String[] names = beans.getBeanNamesForType(KVNamespace.class);
		if (name != null) {
			if (!Arrays.asList(names).contains(name)) {
				throw new KVRepositoryBindingException(name, Arrays.asList(names));
			}
			return beans.getBean(name, KVNamespace.class);
		}
		if (names.length != 1) {
			throw new KVRepositoryBindingException(null, Arrays.asList(names));
		}
		return beans.getBean(names[0], KVNamespace.class);
	}

	@Override
	public Class<?> getObjectType() {
		return KVKeyValueAdapter.class;
	}

}
