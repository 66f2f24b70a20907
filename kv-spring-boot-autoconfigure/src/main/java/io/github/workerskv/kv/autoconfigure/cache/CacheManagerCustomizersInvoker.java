package io.github.workerskv.kv.autoconfigure.cache;

import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.cache.CacheManager;

/**
 * Applies the application's {@link CacheManagerCustomizer}s, in order and only those whose type argument fits.
 * Spring Boot's own {@link CacheManagerCustomizers} bean backs off as soon as any cache manager exists, so the
 * KV manager builds its own. Loaded only when {@code spring-boot-cache} is on the class path.
 */
final class CacheManagerCustomizersInvoker {

	static final String CUSTOMIZERS_CLASS = "org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers";

	private CacheManagerCustomizersInvoker() {
	}

	static <T extends CacheManager> T customize(ListableBeanFactory beanFactory, T cacheManager) {
		List<CacheManagerCustomizer<?>> customizers = beanFactory.getBeanProvider(CacheManagerCustomizer.class)
			.orderedStream()
			.<CacheManagerCustomizer<?>>map((customizer) -> customizer)
			.toList();
		return new CacheManagerCustomizers(customizers).customize(cacheManager);
	}

}
