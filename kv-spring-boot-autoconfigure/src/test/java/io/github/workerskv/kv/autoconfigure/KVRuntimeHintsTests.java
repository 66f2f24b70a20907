package io.github.workerskv.kv.autoconfigure;

import java.util.List;
import java.util.Optional;

import io.github.workerskv.kv.autoconfigure.cache.KVCacheAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.cache.KVCacheProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.toml.TomlMapper;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints Spring AOT collects for an application with the starter, for a GraalVM native image:
 * everything reached by reflection or bound by Jackson, checked with {@link RuntimeHintsPredicates} on what
 * {@code process-aot} would write.
 */
class KVRuntimeHintsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVCacheAutoConfiguration.class))
		.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache");

	@Test
	void classesLookedUpByNameAtRunTimeCanBeFound() {
		RuntimeHints hints = hints(this.contextRunner);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.github.workerskv.kv.sqlite.SqliteStorageEngineProvider"))).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TomlMapper.class)).accepts(hints);
	}

	@Test
	void configurationPropertiesAndTheirNestedTypesCanBeBound() {
		RuntimeHints hints = hints(this.contextRunner.withUserConfiguration(CachingConfiguration.class));
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(KVProperties.class, "setMode")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(KVProperties.Namespace.class, "setId"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(KVProperties.Retry.class, "setMaxAttempts"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(KVCacheProperties.Cache.class, "setValueType"))
			.accepts(hints);
	}

	@Test
	void cacheHintsCoverTheCustomizersLookupAndTheTypesStoredAsJson() {
		RuntimeHints hints = hints(this.contextRunner.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("cloudflare.kv.cache.caches.books.value-type=" + Book.class.getName(),
					"cloudflare.kv.cache.allowed-types=com.example.," + Author.class.getName()));
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers")))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quote.class, "price")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Rating.class, "stars")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Review.class, "text")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Book.class, "title")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Author.class, "name")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Uncached.class)).rejects(hints);
	}

	@Test
	void withoutAKVCacheManagerNoCachedTypeIsRegistered() {
		RuntimeHints hints = hints(this.contextRunner.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=none"));
		assertThat(RuntimeHintsPredicates.reflection().onType(Quote.class)).rejects(hints);
	}

	private static RuntimeHints hints(ApplicationContextRunner runner) {
		RuntimeHints[] hints = new RuntimeHints[1];
		AotContexts.processHints(runner, (collected) -> hints[0] = collected);
		return hints[0];
	}

	record Quote(String symbol, double price) {
	}

	record Rating(int stars) {
	}

	record Review(String text) {
	}

	record Book(String title) {
	}

	record Author(String name) {
	}

	record Uncached(String value) {
	}

	static class Quotes {

		@Cacheable("quotes")
		public Quote quote(String symbol) {
			return new Quote(symbol, 1);
		}

		@Cacheable("ratings")
		public Optional<List<Rating>> ratings(String symbol) {
			return Optional.empty();
		}

		@CachePut("reviews")
		public Review review(String text) {
			return new Review(text);
		}

		public Uncached uncached() {
			return new Uncached("x");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		Quotes quotes() {
			return new Quotes();
		}

	}

}
