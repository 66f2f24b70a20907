package io.github.workerskv.kv.autoconfigure.cache;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What {@link KVCacheAutoConfiguration} reaches by reflection at run time, for GraalVM native images: Spring
 * Boot's {@code CacheManagerCustomizers}, looked up by name. The types the caches store as JSON are registered by
 * {@link KVCacheJsonTypesAotProcessor}.
 */
final class KVCacheAutoConfigurationRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(TypeReference.of(CacheManagerCustomizersInvoker.CUSTOMIZERS_CLASS));
	}

}
