package io.github.workerskv.kv.autoconfigure.data;

import java.lang.annotation.Annotation;

import io.github.workerskv.kv.spring.data.repository.config.EnableKVRepositories;
import io.github.workerskv.kv.spring.data.repository.config.KVRepositoryConfigurationExtension;

import org.springframework.boot.autoconfigure.data.AbstractRepositoryConfigurationSourceSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers KV repositories for the auto-configuration packages, as if the application's main class carried
 * {@code @EnableKVRepositories}.
 */
class KVRepositoriesRegistrar extends AbstractRepositoryConfigurationSourceSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableKVRepositories.class;
	}

	@Override
	protected Class<?> getConfiguration() {
		return EnableKVRepositoriesConfiguration.class;
	}

	@Override
	protected RepositoryConfigurationExtension getRepositoryConfigurationExtension() {
		return new KVRepositoryConfigurationExtension();
	}

	@EnableKVRepositories
	private static final class EnableKVRepositoriesConfiguration {

	}

}
