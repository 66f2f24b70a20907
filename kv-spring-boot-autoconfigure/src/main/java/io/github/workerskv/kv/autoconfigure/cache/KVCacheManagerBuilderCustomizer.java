package io.github.workerskv.kv.autoconfigure.cache;

import io.github.workerskv.kv.spring.cache.KVCacheManager;

/**
 * Adjusts the auto-configured {@link KVCacheManager} before it is built, after the properties are applied: the
 * place for what properties cannot say, such as a {@link io.github.workerskv.kv.spring.cache.TtlFunction} or a
 * codec of your own.
 *
 * <pre>{@code
 * @Bean
 * KVCacheManagerBuilderCustomizer quotesTtl() {
 *     return (builder) -> builder.withCacheConfiguration("quotes", builder.cacheDefaults()
 *         .withTtl((key, value) -> ((Quote) value).volatile() ? Duration.ofSeconds(5) : Duration.ofMinutes(5)));
 * }
 * }</pre>
 * Customizers run in {@link org.springframework.core.Ordered order}; Spring Boot's
 * {@code CacheManagerCustomizer}s run after them, on the built manager.
 */
@FunctionalInterface
public interface KVCacheManagerBuilderCustomizer {

	/**
	 * @param builder the builder, with the properties already applied
	 */
	void customize(KVCacheManager.Builder builder);

}
