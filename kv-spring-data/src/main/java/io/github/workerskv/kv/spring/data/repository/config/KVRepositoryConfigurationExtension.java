package io.github.workerskv.kv.spring.data.repository.config;

import io.github.workerskv.kv.spring.data.KVExceptionTranslator;
import io.github.workerskv.kv.spring.data.repository.support.KVRepositoryFactoryBean;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;
import org.springframework.data.keyvalue.repository.config.KeyValueRepositoryConfigurationExtension;
import org.springframework.data.repository.config.RepositoryConfigurationSource;

/**
 * The Spring Data configuration of KV repositories: a mapping context ({@value #KV_MAPPING_CONTEXT}), and
 * per {@code keyValueTemplateRef} an adapter and a template (translating KV's exceptions with
 * {@link KVExceptionTranslator}) unless a bean of that name exists. All three are lazy, created with the first
 * repository (or the first bean that asks for them), so that enabling repositories where there are none needs no
 * {@code KVNamespace} and builds no mapping infrastructure at start-up.
 * Spring Boot can drive it through {@code @EnableKVRepositories} on an auto-configuration's nested class
 * plus a {@code KVRepositoryOptions} bean made from properties.
 */
public class KVRepositoryConfigurationExtension extends KeyValueRepositoryConfigurationExtension {

	/** The bean name of the mapping context of KV repositories. */
	public static final String KV_MAPPING_CONTEXT = "kvMappingContext";

	@Override
	public String getModuleName() {
		return "KV";
	}

	@Override
	protected String getModulePrefix() {
		return "kv";
	}

	@Override
	public String getRepositoryFactoryBeanClassName() {
		return KVRepositoryFactoryBean.class.getName();
	}

	@Override
	protected String getDefaultKeyValueTemplateRef() {
		return "kvKeyValueTemplate";
	}

	@Override
	protected String getMappingContextBeanRef() {
		return KV_MAPPING_CONTEXT;
	}

	@Override
	public void registerBeansForRoot(BeanDefinitionRegistry registry, RepositoryConfigurationSource configuration) {
		registerIfNotAlreadyRegistered(() -> {
			AbstractBeanDefinition context = BeanDefinitionBuilder.rootBeanDefinition(KeyValueMappingContext.class)
				.setRole(BeanDefinition.ROLE_INFRASTRUCTURE)
				.setLazyInit(true)
				.getBeanDefinition();
			context.setSource(configuration.getSource());
			return context;
		}, registry, KV_MAPPING_CONTEXT, configuration);
		String template = configuration.getAttribute("keyValueTemplateRef").orElse(getDefaultKeyValueTemplateRef());
		if (registry.containsBeanDefinition(template)) {
			return;
		}
		String adapter = template + "Adapter";
		// Lazy: an application with the module but no repository (and perhaps no KV binding) never needs them.
		registerIfNotAlreadyRegistered(() -> BeanDefinitionBuilder.rootBeanDefinition(KVKeyValueAdapterFactoryBean.class)
			.addPropertyValue("binding", configuration.getAttribute("binding").orElse(""))
			.addPropertyReference("mappingContext", KV_MAPPING_CONTEXT)
			.setLazyInit(true)
			.getBeanDefinition(), registry, adapter, configuration);
		registerIfNotAlreadyRegistered(() -> BeanDefinitionBuilder
			.rootBeanDefinition(KVKeyValueTemplates.class, "template")
			.addConstructorArgReference(adapter)
			.addConstructorArgReference(KV_MAPPING_CONTEXT)
			.setLazyInit(true)
			.getBeanDefinition(), registry, template, configuration);
	}

	@Override
	protected @Nullable AbstractBeanDefinition getDefaultKeyValueTemplateBeanDefinition(
			RepositoryConfigurationSource configurationSource) {
		return null;
	}

}
