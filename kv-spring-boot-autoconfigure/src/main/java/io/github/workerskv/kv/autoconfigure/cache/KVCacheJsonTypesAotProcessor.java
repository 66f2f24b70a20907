package io.github.workerskv.kv.autoconfigure.cache;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.Set;

import io.github.workerskv.kv.spring.cache.KVCacheManager;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Registers Jackson binding hints, for GraalVM native images, for the types that KV caches store as JSON: the
 * return types of {@code @Cacheable} and {@code @CachePut} methods of the application's beans (generic arguments
 * included), the {@code value-type}s under {@code cloudflare.kv.cache}, and the class names (not the package
 * prefixes) in {@code cloudflare.kv.cache.allowed-types}. Acts only when the context has a {@link KVCacheManager}.
 *
 * <p>Values a method computes of a subtype of its declared return type, or caches in the {@code java} format,
 * need hints of the application's own ({@code @RegisterReflectionForBinding}, or serialization hints). Registered
 * in {@code META-INF/spring/aot.factories}.
 */
final class KVCacheJsonTypesAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(KVCacheManager.class, false, false).length == 0) {
			return null;
		}
		Set<Type> types = new LinkedHashSet<>();
		configuredTypes(beanFactory, types);
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> beanType = beanFactory.getType(name, false);
			if (beanType != null) {
				cachedReturnTypes(ClassUtils.getUserClass(beanType), types);
			}
		}
		return types.isEmpty() ? null : (generationContext, code) -> {
			BindingReflectionHintsRegistrar registrar = new BindingReflectionHintsRegistrar();
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			types.forEach((type) -> registrar.registerReflectionHints(reflection, type));
		};
	}

	private static void configuredTypes(ConfigurableListableBeanFactory beanFactory, Set<Type> types) {
		Environment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				Environment.class);
		KVCacheProperties properties = Binder.get(environment)
			.bindOrCreate(KVCacheProperties.PREFIX, KVCacheProperties.class);
		addIfPresent(properties.getDefault().getValueType(), types);
		properties.getCaches().values().forEach((cache) -> addIfPresent(cache.getValueType(), types));
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		for (String allowed : properties.getAllowedTypes()) {
			String name = allowed.trim();
			if (!name.endsWith(".") && ClassUtils.isPresent(name, classLoader)) {
				types.add(ClassUtils.resolveClassName(name, classLoader));
			}
		}
	}

	private static void cachedReturnTypes(Class<?> beanType, Set<Type> types) {
		boolean cachedType = AnnotatedElementUtils.hasAnnotation(beanType, Cacheable.class)
				|| AnnotatedElementUtils.hasAnnotation(beanType, CachePut.class);
		ReflectionUtils.doWithMethods(beanType, (method) -> types.add(method.getGenericReturnType()),
				(method) -> method.getReturnType() != void.class && !method.getReturnType().isPrimitive()
						&& (isCaching(method) || (cachedType && Modifier.isPublic(method.getModifiers())
								&& method.getDeclaringClass() != Object.class)));
	}

	private static boolean isCaching(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, Cacheable.class)
				|| AnnotatedElementUtils.hasAnnotation(method, CachePut.class);
	}

	private static void addIfPresent(@Nullable Class<?> type, Set<Type> types) {
		if (type != null) {
			types.add(type);
		}
	}

}
