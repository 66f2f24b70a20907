package io.github.workerskv.kv.spring.data.repository.config;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/** Registers the repositories of an {@link EnableKVRepositories}. */
class KVRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableKVRepositories.class;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return new KVRepositoryConfigurationExtension();
	}

}
