package io.github.workerskv.kv.autoconfigure.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.spring.cache.KVCacheManager;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of a Spring
 * {@link CacheManager} on Workers KV: a {@link KVCacheManager} named {@code cacheManager} over the binding
 * {@code cloudflare.kv.cache.binding} (or the only binding), configured by {@code cloudflare.kv.cache.*}.
 *
 * <p>It acts only when caching is enabled ({@code @EnableCaching}), the application defines no
 * {@link CacheManager} (nor a {@code cacheResolver}) of its own, and {@code spring.cache.type} is not set:
 * setting it ({@code none} in a test, or another type) hands caching back to Spring Boot. It runs before Spring
 * Boot's cache auto-configuration, which then backs off.
 *
 * <p>The caches under {@code cloudflare.kv.cache.caches} and in {@code spring.cache.cache-names} exist from
 * start-up. {@link KVCacheManagerBuilderCustomizer}s adjust the builder; then Spring Boot's
 * {@code CacheManagerCustomizer}s run on the built manager, as they would for Boot's own managers. JSON caches
 * without a declared value type may store the application's own classes (the packages of
 * {@code @SpringBootApplication}) and those of {@code cloudflare.kv.cache.allowed-types}, read through the
 * application's class loader.
 *
 * <p>With Micrometer and {@code spring-boot-cache}'s metrics, every KV cache publishes Micrometer's
 * {@code cache.*} meters, including caches created after start-up, which Spring Boot alone would miss.
 */
@AutoConfiguration(after = KVAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({ CacheManager.class, KVCacheManager.class })
@ConditionalOnBean({ CacheAspectSupport.class, KVNamespaces.class })
@ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
@Conditional(OnCacheTypeUnsetCondition.class)
@EnableConfigurationProperties(KVCacheProperties.class)
@ImportRuntimeHints(KVCacheAutoConfigurationRuntimeHints.class)
public final class KVCacheAutoConfiguration {

	static final String CACHE_MANAGER_BEAN_NAME = "cacheManager";

	@Bean
	KVCacheManager cacheManager(KVCacheProperties properties, KVNamespaces namespaces, Environment environment,
			ResourceLoader resourceLoader, ListableBeanFactory beanFactory,
			ObjectProvider<KVCacheManagerBuilderCustomizer> builderCustomizers) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		KVCacheConfigurations configurations = new KVCacheConfigurations(properties,
				allowedTypes(properties, beanFactory), classLoader);
		KVCacheManager.Builder builder = KVCacheManager.builder(namespace(properties, namespaces))
			.cacheDefaults(configurations.defaults());
		properties.getCaches()
			.forEach((name, cache) -> builder.withCacheConfiguration(name, configurations.forCache(cache)));
		builder.initialCacheNames(new LinkedHashSet<>(Binder.get(environment)
			.bind("spring.cache.cache-names", Bindable.listOf(String.class))
			.orElse(List.of())));
		if (!properties.isCreateMissingCaches()) {
			builder.disableCreateOnMissingCache();
		}
		if (properties.isEnableStatistics()) {
			builder.enableStatistics();
		}
		builderCustomizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		KVCacheManager cacheManager = builder.build();
		if (ClassUtils.isPresent(CacheManagerCustomizersInvoker.CUSTOMIZERS_CLASS, classLoader)) {
			return CacheManagerCustomizersInvoker.customize(beanFactory, cacheManager);
		}
		return cacheManager;
	}

	private static KVNamespace namespace(KVCacheProperties properties, KVNamespaces namespaces) {
		String property = KVCacheProperties.PREFIX + ".binding";
		String binding = properties.getBinding();
		if (!StringUtils.hasText(binding)) {
			Set<String> names = namespaces.names();
			if (names.size() != 1) {
				throw new InvalidConfigurationPropertyValueException(property, null, names.isEmpty()
						? "No KV binding is configured to hold the cache entries. Bind a namespace under "
								+ "cloudflare.kv.namespaces, or set spring.cache.type to use another cache."
						: "Several KV bindings are configured (" + String.join(", ", names)
								+ "); name the one that holds the cache entries.");
			}
			binding = names.iterator().next();
		}
		try {
			return namespaces.get(binding);
		}
		catch (UnknownBindingException ex) {
			throw ex.withReferencingProperty(property);
		}
	}

	private static List<String> allowedTypes(KVCacheProperties properties, ListableBeanFactory beanFactory) {
		List<String> allowed = new ArrayList<>(properties.getAllowedTypes());
		if (AutoConfigurationPackages.has(beanFactory)) {
			AutoConfigurationPackages.get(beanFactory).forEach((name) -> allowed.add(name + "."));
		}
		return allowed;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ MeterBinder.class, CacheMeterBinderProvider.class })
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KVCacheMeterBinderProvider kvCacheMeterBinderProvider() {
			return new KVCacheMeterBinderProvider();
		}

		/** Spring Boot binds only the caches that exist at start-up; this binds those created later. */
		@Bean
		KVCacheManagerBuilderCustomizer kvCacheRuntimeMetricsCustomizer(ObjectProvider<CacheMetricsRegistrar> registrar) {
			return (builder) -> builder.onCacheCreated((cache) -> registrar.ifAvailable((available) -> available
				.bindCacheToRegistry(cache, Tag.of("cache.manager", CACHE_MANAGER_BEAN_NAME))));
		}

	}

}
