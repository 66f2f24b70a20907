package io.github.workerskv.kv.autoconfigure.cache;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer's {@code cache.*} meters for KV caches, through Spring Boot's cache metrics: those that exist at
 * start-up, and those created later, which Spring Boot alone does not bind.
 */
class KVCacheMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVCacheAutoConfiguration.class,
				CacheAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
		.withUserConfiguration(MeteredCachingConfiguration.class)
		.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache", "cloudflare.kv.cache.caches.books.time-to-live=1h");

	@Test
	void aCacheDeclaredInPropertiesIsMeteredFromStartUp() {
		this.contextRunner.run((context) -> {
			Cache books = context.getBean(CacheManager.class).getCache("books");
			books.put("b", "KV in Action");
			books.get("b");
			books.get("missing");
			books.evict("b");

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(count(registry, "cache.gets", "books", "hit")).isEqualTo(1);
			assertThat(count(registry, "cache.gets", "books", "miss")).isEqualTo(1);
			assertThat(registry.get("cache.puts").tag("cache", "books").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("cache.evictions").tag("cache", "books").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("cache.near.hits").tag("cache", "books").functionCounter().count()).isEqualTo(1);
			assertThat(registry.get("cache.errors").tag("cache", "books").functionCounter().count()).isZero();
			assertThat(registry.get("cache.gets").tag("cache", "books").meter().getId().getTag("cache.manager"))
				.isEqualTo("cacheManager");
		});
	}

	@Test
	void aCacheCreatedAfterStartUpIsMeteredToo() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("cache.gets").tag("cache", "later").meters()).isEmpty();

			Cache later = context.getBean(CacheManager.class).getCache("later");
			later.get("missing");

			assertThat(count(registry, "cache.gets", "later", "miss")).isEqualTo(1);
			assertThat(registry.get("cache.gets").tag("cache", "later").meter().getId().getTag("cache.manager"))
				.isEqualTo("cacheManager");
		});
	}

	private static double count(MeterRegistry registry, String name, String cache, String result) {
		return registry.get(name).tag("cache", cache).tag("result", result).functionCounter().count();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class MeteredCachingConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
