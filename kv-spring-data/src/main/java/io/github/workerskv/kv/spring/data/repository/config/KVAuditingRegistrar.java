package io.github.workerskv.kv.spring.data.repository.config;

import java.lang.annotation.Annotation;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ObjectFactoryCreatingFactoryBean;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.auditing.config.AuditingBeanDefinitionRegistrarSupport;
import org.springframework.data.auditing.config.AuditingConfiguration;

/** Registers the auditing handler of {@link EnableKVAuditing} and the write callback that applies it. */
class KVAuditingRegistrar extends AuditingBeanDefinitionRegistrarSupport {

	private static final String HANDLER = "kvAuditingHandler";

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableKVAuditing.class;
	}

	@Override
	protected String getAuditingHandlerBeanName() {
		return HANDLER;
	}

	@Override
	protected BeanDefinitionBuilder getAuditHandlerBeanDefinitionBuilder(AuditingConfiguration configuration) {
		BeanDefinitionBuilder builder = BeanDefinitionBuilder.rootBeanDefinition(AuditingHandler.class)
			.setFactoryMethod("from")
			.addConstructorArgReference(KVRepositoryConfigurationExtension.KV_MAPPING_CONTEXT);
		return configureDefaultAuditHandlerAttributes(configuration, builder);
	}

	@Override
	protected void registerAuditListenerBeanDefinition(BeanDefinition auditingHandlerDefinition,
			BeanDefinitionRegistry registry) {
		BeanDefinitionBuilder handler = BeanDefinitionBuilder.rootBeanDefinition(ObjectFactoryCreatingFactoryBean.class)
			.addPropertyValue("targetBeanName", HANDLER);
		registerInfrastructureBeanWithId(BeanDefinitionBuilder.rootBeanDefinition(KVAuditingCallback.class)
			.addConstructorArgValue(handler.getBeanDefinition())
			.getBeanDefinition(), KVAuditingCallback.class.getName(), registry);
	}

}
