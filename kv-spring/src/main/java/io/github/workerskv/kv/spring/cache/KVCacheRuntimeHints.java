package io.github.workerskv.kv.spring.cache;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * What the KV cache reaches by reflection, for Spring AOT and GraalVM native images: the parameters of Spring's
 * {@link SimpleKey}, which the default key converter reads to write a key that does not depend on
 * {@code SimpleKey.toString()}, and Caffeine's entry class, which decides whether the near cache is on.
 *
 * <p>Registered in {@code META-INF/spring/aot.factories}. Values are the application's: a cache that stores its
 * own classes as JSON needs binding hints for them (the Spring Boot auto-configuration registers them for
 * {@code @Cacheable} return types and declared value types); the {@code java} format needs serialization hints.
 */
final class KVCacheRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(SimpleKey.class, (type) -> type.withField(DefaultKeyConverter.SIMPLE_KEY_PARAMS_FIELD));
		hints.reflection().registerType(TypeReference.of(KVCacheConfiguration.CAFFEINE));
	}

}
