package io.github.workerskv.kv.autoconfigure.data;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.spring.data.KVRepositoryOptions;
import io.github.workerskv.kv.spring.data.repository.config.EnableKVRepositories;
import io.github.workerskv.kv.spring.data.repository.support.KVRepositoryFactoryBean;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of Spring Data
 * repositories on Workers KV, when {@code kv-spring-data} is on the class path: the repository interfaces in
 * the application's packages (those of {@code @SpringBootApplication}, as for every Spring Data store Spring
 * Boot configures) are backed by KV, in the namespace of {@code cloudflare.kv.repositories.binding} (or the
 * only binding).
 *
 * <p>A {@link KVRepositoryOptions} bean is built from {@code cloudflare.kv.repositories.*} (key separator,
 * default time to live per keyspace, binding) and then adjusted by every {@link KVRepositoryOptionsCustomizer};
 * an application's own {@code KVRepositoryOptions} bean replaces it. The repositories back off when
 * {@code cloudflare.kv.repositories.enabled=false} or when the application declares
 * {@code @EnableKVRepositories} itself (which then still uses the options bean).
 *
 * <p>The template and adapter behind the repositories are made with the first repository, so an application
 * without KV repositories needs no binding for them. A binding they cannot use fails start-up with a failure
 * analysis naming the property to set.
 */
@AutoConfiguration(after = KVAutoConfiguration.class)
@ConditionalOnClass(EnableKVRepositories.class)
@ConditionalOnBean(KVNamespaces.class)
@EnableConfigurationProperties(KVRepositoriesProperties.class)
public final class KVRepositoriesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KVRepositoryOptions kvRepositoryOptions(KVRepositoriesProperties properties, KVNamespaces namespaces,
			ListableBeanFactory beanFactory, ObjectProvider<KVRepositoryOptionsCustomizer> customizers) {
		KVRepositoryOptions options = KVRepositoryOptions.defaults()
			.withBinding(binding(properties.getBinding(), namespaces, beanFactory));
		options = checked(options, "key-separator", properties.getKeySeparator(),
				(o) -> o.withKeySeparator(properties.getKeySeparator()));
		for (Map.Entry<String, Duration> ttl : properties.getTimeToLive().entrySet()) {
			options = checked(options, "time-to-live." + ttl.getKey(), ttl.getValue(),
					(o) -> o.withTimeToLive(ttl.getKey(), ttl.getValue()));
		}
		for (KVRepositoryOptionsCustomizer customizer : customizers.orderedStream().toList()) {
			options = customizer.customize(options);
		}
		return options;
	}

	/** @return the binding property's value, checked against the {@code KVNamespace} beans; null if unset */
	private static @Nullable String binding(@Nullable String binding, KVNamespaces namespaces,
			ListableBeanFactory beanFactory) {
		if (!StringUtils.hasText(binding)) {
			return null;
		}
		if (!Arrays.asList(beanFactory.getBeanNamesForType(KVNamespace.class)).contains(binding)) {
			throw new UnknownBindingException(binding, namespaces.names())
				.withReferencingProperty(KVRepositoriesProperties.PREFIX + ".binding");
		}
		return binding;
	}

	private static KVRepositoryOptions checked(KVRepositoryOptions options, String property, Object value,
			UnaryOperator<KVRepositoryOptions> change) {
		try {
			return change.apply(options);
		}
		catch (InvalidOptionException ex) {
			throw new InvalidConfigurationPropertyValueException(KVRepositoriesProperties.PREFIX + "." + property,
					value, ex.getMessage());
		}
	}

	/** Repositories for the application's packages, unless it enables them itself or turns them off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = KVRepositoriesProperties.PREFIX + ".enabled", matchIfMissing = true)
	@ConditionalOnMissingBean(KVRepositoryFactoryBean.class)
	@Import(KVRepositoriesRegistrar.class)
	static class RepositoriesConfiguration {

	}

}
