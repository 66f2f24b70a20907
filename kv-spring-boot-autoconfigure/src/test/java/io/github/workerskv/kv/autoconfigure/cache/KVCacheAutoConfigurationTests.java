package io.github.workerskv.kv.autoconfigure.cache;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.spring.cache.KVCache;
import io.github.workerskv.kv.spring.cache.KVCacheConfiguration;
import io.github.workerskv.kv.spring.cache.KVCacheManager;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.cache.support.NoOpCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link KVCacheAutoConfiguration}: when it provides the {@link CacheManager} and when it steps aside, how
 * {@code cloudflare.kv.cache.*} shapes each cache, the customizers it applies, and the start-up failures of a
 * wrong binding.
 */
class KVCacheAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVCacheAutoConfiguration.class,
				CacheAutoConfiguration.class))
		.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache-namespace");

	private final ApplicationContextRunner caching = this.contextRunner.withUserConfiguration(CachingConfiguration.class);

	@Test
	void withCachingEnabledTheCacheManagerIsKVOnTheOnlyBinding() {
		this.caching.run((context) -> {
			assertThat(context).hasSingleBean(CacheManager.class).hasBean("cacheManager");
			CacheManager cacheManager = context.getBean(CacheManager.class);
			assertThat(cacheManager).isInstanceOf(KVCacheManager.class);
			cacheManager.getCache("greetings").put("en", "hello");
			KVNamespace namespace = context.getBean(LocalKVStore.class).namespace("cache-namespace");
			assertThat(namespace.get("greetings::v1::en")).isEqualTo("kvc1 v 0\n\"hello\"");
		});
	}

	@Test
	void withoutEnableCachingThereIsNoCacheManager() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(CacheManager.class));
	}

	@Test
	void anApplicationCacheManagerWins() {
		this.caching.withUserConfiguration(OwnCacheManagerConfiguration.class)
			.run((context) -> assertThat(context.getBean(CacheManager.class))
				.isInstanceOf(ConcurrentMapCacheManager.class));
	}

	@Test
	void anApplicationCacheResolverWins() {
		this.caching.withUserConfiguration(OwnCacheResolverConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(KVCacheManager.class));
	}

	@Test
	void springCacheTypeNoneSwitchesCachingOffAsSpringBootDoes() {
		this.caching.withPropertyValues("spring.cache.type=none")
			.run((context) -> assertThat(context.getBean(CacheManager.class)).isInstanceOf(NoOpCacheManager.class));
	}

	@Test
	void anySpringCacheTypeHandsCachingBackToSpringBoot() {
		this.caching.withPropertyValues("spring.cache.type=simple")
			.run((context) -> assertThat(context.getBean(CacheManager.class))
				.isInstanceOf(ConcurrentMapCacheManager.class));
	}

	@Test
	void perCacheSettingsOverrideTheDefaultsWhichOverrideTheLibrary() {
		this.caching
			.withPropertyValues("cloudflare.kv.cache.default.time-to-live=10m", "cloudflare.kv.cache.default.key-prefix=c:",
					"cloudflare.kv.cache.caches.quotes.time-to-live=15s",
					"cloudflare.kv.cache.caches.quotes.cache-null-values=false", "cloudflare.kv.cache.caches.books.key-prefix=")
			.run((context) -> {
				KVCacheManager manager = context.getBean(KVCacheManager.class);
				KVCache quotes = (KVCache) manager.getCache("quotes");
				KVCache books = (KVCache) manager.getCache("books");
				KVCache other = (KVCache) manager.getCache("other");
				assertThat(ttl(quotes)).isEqualTo(Duration.ofSeconds(15));
				assertThat(quotes.getConfiguration().cacheNullValues()).isFalse();
				assertThat(quotes.kvKey("k")).isEqualTo("c:quotes::v1::k");
				assertThat(ttl(books)).isEqualTo(Duration.ofMinutes(10));
				assertThat(books.kvKey("k")).isEqualTo("books::v1::k");
				assertThat(ttl(other)).isEqualTo(Duration.ofMinutes(10));
				assertThat(other.getConfiguration().cacheNullValues()).isTrue();
				assertThat(other.getConfiguration().failOpen()).isFalse();
			});
	}

	@Test
	void declaredCachesAndSpringCacheNamesExistFromStartUp() {
		this.caching.withPropertyValues("cloudflare.kv.cache.caches.quotes.time-to-live=15s",
				"spring.cache.cache-names=books,authors")
			.run((context) -> assertThat(context.getBean(CacheManager.class).getCacheNames())
				.containsExactlyInAnyOrder("quotes", "books", "authors"));
	}

	@Test
	void withMissingCacheCreationOffOnlyDeclaredCachesExist() {
		this.caching
			.withPropertyValues("cloudflare.kv.cache.create-missing-caches=false",
					"cloudflare.kv.cache.caches.quotes.time-to-live=15s")
			.run((context) -> {
				CacheManager manager = context.getBean(CacheManager.class);
				assertThat(manager.getCache("quotes")).isNotNull();
				assertThat(manager.getCache("other")).isNull();
			});
	}

	@Test
	void theNearCacheIsOnByDefaultWithCaffeineAndShapedByProperties() {
		this.caching
			.withPropertyValues("cloudflare.kv.cache.default.near-cache.time-to-live=10s",
					"cloudflare.kv.cache.caches.quotes.near-cache.enabled=false",
					"cloudflare.kv.cache.caches.books.near-cache.maximum-size=50")
			.run((context) -> {
				KVCacheManager manager = context.getBean(KVCacheManager.class);
				KVCacheConfiguration other = manager.getDefaultCacheConfiguration();
				assertThat(other.nearCacheMaximumSize()).isEqualTo(10_000);
				assertThat(other.nearCacheTtl()).isEqualTo(Duration.ofSeconds(10));
				assertThat(((KVCache) manager.getCache("quotes")).getConfiguration().nearCacheEnabled()).isFalse();
				assertThat(((KVCache) manager.getCache("books")).getConfiguration().nearCacheMaximumSize()).isEqualTo(50);
			});
	}

	@Test
	void withoutCaffeineThereIsNoNearCache() {
		this.caching.withClassLoader(new FilteredClassLoader(Caffeine.class)).run((context) -> {
			KVCacheManager manager = context.getBean(KVCacheManager.class);
			assertThat(manager.getDefaultCacheConfiguration().nearCacheEnabled()).isFalse();
			manager.getCache("c").put("k", "v");
			assertThat(manager.getCache("c").get("k", String.class)).isEqualTo("v");
		});
	}

	@Test
	void worksWithoutSpringBootsCacheModuleSkippingItsCustomizersAndMetrics() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVCacheAutoConfiguration.class))
			.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache-namespace")
			.withUserConfiguration(CachingConfiguration.class, CustomizersConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.cache."))
			.run((context) -> {
				assertThat(context).hasSingleBean(KVCacheManager.class).doesNotHaveBean(KVCacheMeterBinderProvider.class);
				assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("builder first",
						"builder second");
			});
	}

	@Test
	void theApplicationsPackagesAndAllowedTypesMayBeStoredAsJson() {
		this.caching.withUserConfiguration(ApplicationPackageConfiguration.class)
			.withPropertyValues("cloudflare.kv.cache.allowed-types=java.util.concurrent.atomic.AtomicLong")
			.run((context) -> {
				Cache cache = context.getBean(CacheManager.class).getCache("books");
				cache.put("b", new Book("978-0"));
				cache.put("n", new java.util.concurrent.atomic.AtomicLong(7));
				cache.evict("unused");
				KVNamespace namespace = context.getBean(LocalKVStore.class).namespace("cache-namespace");
				assertThat(namespace.get("books::v1::b"))
					.contains("\"@class\":\"" + Book.class.getName() + "\"");
			});
	}

	@Test
	void aClassOutsideTheAllowListIsRefusedNamingTheFix() {
		this.caching.run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(CacheManager.class).getCache("books").put("b", new Book("978-0")))
			.withMessageContaining("Cache 'books'")
			.withMessageContaining(Book.class.getName())
			.withMessageContaining("not on the JSON allow-list")
			.withMessageContaining("cloudflare.kv.cache.allowed-types"));
	}

	@Test
	void aDeclaredValueTypeIsStoredAsPlainJsonAndJavaFormatAsSerialization() {
		this.caching
			.withPropertyValues("cloudflare.kv.cache.caches.books.value-type=" + Book.class.getName(),
					"cloudflare.kv.cache.caches.sessions.value-format=java")
			.run((context) -> {
				CacheManager manager = context.getBean(CacheManager.class);
				manager.getCache("books").put("b", new Book("978-0"));
				manager.getCache("sessions").put("s", new Book("978-1"));
				KVNamespace namespace = context.getBean(LocalKVStore.class).namespace("cache-namespace");
				assertThat(namespace.get("books::v1::b")).isEqualTo("kvc1 v 0\n{\"isbn\":\"978-0\"}");
				assertThat(namespace.getBytes("sessions::v1::s")).hasSizeGreaterThan(20);
				assertThat(manager.getCache("sessions").get("s", Book.class)).isEqualTo(new Book("978-1"));
			});
	}

	@Test
	void failOpenAndStatisticsFollowTheirProperties() {
		this.caching.withPropertyValues("cloudflare.kv.cache.fail-open=true", "cloudflare.kv.cache.enable-statistics=false")
			.run((context) -> {
				KVCacheManager manager = context.getBean(KVCacheManager.class);
				assertThat(manager.getDefaultCacheConfiguration().failOpen()).isTrue();
				assertThat(manager.isStatisticsEnabled()).isFalse();
			});
	}

	@Test
	void builderCustomizersThenCacheManagerCustomizersOfTheRightTypeAreApplied() {
		this.caching.withUserConfiguration(CustomizersConfiguration.class).run((context) -> {
			KVCacheManager manager = context.getBean(KVCacheManager.class);
			assertThat(context.getBean(CustomizersConfiguration.class).calls).containsExactly("builder first",
					"builder second", "manager KV", "manager any");
			assertThat(ttl((KVCache) manager.getCache("quotes"))).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void withSeveralBindingsTheCacheBindingIsNamedOrStartUpFailsSayingSo() {
		ApplicationContextRunner twoBindings = this.caching.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags");
		twoBindings.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo("cloudflare.kv.cache.binding");
				assertThat(ex.getReason()).contains("Several KV bindings are configured (CACHE, FLAGS)");
			}));
		twoBindings.withPropertyValues("cloudflare.kv.cache.binding=FLAGS").run((context) -> {
			context.getBean(CacheManager.class).getCache("c").put("k", "v");
			assertThat(context.getBean(LocalKVStore.class).namespace("flags").get("c::v1::k")).isNotNull();
		});
	}

	@Test
	void anUnknownCacheBindingFailsStartUpNamingTheProperty() {
		this.caching.withPropertyValues("cloudflare.kv.cache.binding=SESSIONS").run((context) -> {
			assertThat(firstUnknownBinding(context.getStartupFailure()).referencingProperty())
				.isEqualTo("cloudflare.kv.cache.binding");
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).startsWith("`cloudflare.kv.cache.binding` names the KV binding "
					+ "'SESSIONS', but no KV namespace is bound under that name. Known bindings: CACHE.");
			assertThat(analysis.getAction()).contains("`cloudflare.kv.namespaces.SESSIONS.id`")
				.contains("or change `cloudflare.kv.cache.binding` to one of the known bindings");
		});
	}

	private static Duration ttl(KVCache cache) {
		return cache.getConfiguration().ttlFunction().getTimeToLive("any", null);
	}

	private static UnknownBindingException firstUnknownBinding(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownBindingException unknown) {
				return unknown;
			}
		}
		throw new AssertionError("No UnknownBindingException in " + failure);
	}

	/**
	 * Runs the registered failure analyzers, as Spring Boot does, and returns the first analysis (analyzers
	 * that need the failed context's beans are skipped).
	 */
	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			}))) {
			FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analyzer explains " + context.getStartupFailure());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheManagerConfiguration {

		@Bean
		CacheManager ownCacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheResolverConfiguration implements CachingConfigurer {

		@Bean
		@Override
		public CacheResolver cacheResolver() {
			return new SimpleCacheResolver(new ConcurrentMapCacheManager());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	@Import(CachingConfiguration.class)
	static class ApplicationPackageConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizersConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		KVCacheManagerBuilderCustomizer secondBuilderCustomizer() {
			return (builder) -> {
				this.calls.add("builder second");
				builder.withCacheConfiguration("quotes", builder.cacheDefaults().withTtl(Duration.ofSeconds(5)));
			};
		}

		@Bean
		@Order(1)
		KVCacheManagerBuilderCustomizer firstBuilderCustomizer() {
			return (builder) -> this.calls.add("builder first");
		}

		@Bean
		@Order(1)
		CacheManagerCustomizer<KVCacheManager> kvCustomizer() {
			return (manager) -> this.calls.add("manager KV");
		}

		@Bean
		@Order(2)
		CacheManagerCustomizer<CacheManager> anyCustomizer() {
			return (manager) -> this.calls.add("manager any");
		}

		@Bean
		CacheManagerCustomizer<ConcurrentMapCacheManager> otherTypeCustomizer() {
			return (manager) -> this.calls.add("manager of another type");
		}

	}

	/** A value class of the application's package (the auto-configuration package of the test). */
	record Book(String isbn) implements Serializable {
	}

}
