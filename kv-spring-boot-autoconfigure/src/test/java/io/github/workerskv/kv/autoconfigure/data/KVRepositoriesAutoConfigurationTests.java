package io.github.workerskv.kv.autoconfigure.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.autoconfigure.data.app.Preferences;
import io.github.workerskv.kv.autoconfigure.data.app.PreferencesRepository;
import io.github.workerskv.kv.autoconfigure.data.app.RepositoryApplication;
import io.github.workerskv.kv.autoconfigure.data.norepositories.ApplicationWithoutRepositories;
import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;
import io.github.workerskv.kv.spring.data.KVRepositoryOptions;
import io.github.workerskv.kv.spring.data.repository.config.EnableKVRepositories;
import io.github.workerskv.kv.spring.data.repository.config.KVRepositoryBindingException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KVRepositoriesAutoConfiguration}: repositories of the application's packages on the configured binding,
 * how {@code cloudflare.kv.repositories.*} shapes the layout, when it backs off, and the start-up failures of a
 * binding the repositories cannot use.
 */
class KVRepositoriesAutoConfigurationTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVRepositoriesAutoConfiguration.class));

	private final ApplicationContextRunner application = this.contextRunner
		.withUserConfiguration(RepositoryApplication.class);

	@Test
	void repositoriesOfTheApplicationPackageStoreEntitiesInTheOnlyBinding() {
		this.application.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(PreferencesRepository.class);
			PreferencesRepository repository = context.getBean(PreferencesRepository.class);
			repository.save(new Preferences("ada", "dark"));

			KVNamespace prefs = context.getBean("PREFS", KVNamespace.class);
			assertThat(prefs.get("preferences:ada")).isEqualTo("{\"userId\":\"ada\",\"theme\":\"dark\"}");
			assertThat(repository.findByTheme("dark")).extracting(Preferences::getUserId).containsExactly("ada");
			assertThat(context.getBean(KVKeyValueAdapter.class).getNamespace()).isSameAs(prefs);
		});
	}

	@Test
	void theBindingPropertyChoosesAmongSeveralBindings() {
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache", "cloudflare.kv.namespaces.PREFS.id=prefs",
					"cloudflare.kv.repositories.binding=PREFS")
			.run((context) -> {
				context.getBean(PreferencesRepository.class).save(new Preferences("ada", "dark"));

				assertThat(context.getBean("PREFS", KVNamespace.class).get("preferences:ada")).isNotNull();
				assertThat(context.getBean("CACHE", KVNamespace.class).list().keys()).isEmpty();
				assertThat(context.getBean(KVRepositoryOptions.class).binding()).isEqualTo("PREFS");
			});
	}

	@Test
	void theKeySeparatorAndADefaultTimeToLivePerKeyspaceShapeWhatIsStored() {
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs", "cloudflare.kv.repositories.key-separator=/",
					"cloudflare.kv.repositories.time-to-live.preferences=30d")
			.withBean(KVRepositoryOptionsCustomizer.class, () -> (options) -> options.withClock(clockAt(NOW)))
			.run((context) -> {
				context.getBean(PreferencesRepository.class).save(new Preferences("ada", "dark"));

				KVNamespace prefs = context.getBean("PREFS", KVNamespace.class);
				ValueWithMetadata<String> stored = prefs.getWithMetadata("preferences/ada", ValueType.text(),
						GetOptions.defaults());
				assertThat(stored).isNotNull();
				assertThat(stored.metadata()).hasToString("{\"idx\":{\"theme\":\"dark\"},\"exp\":"
						+ NOW.plus(Duration.ofDays(30)).toEpochMilli() + "}");
				KVKey key = prefs.list(ListOptions.defaults().withPrefix("preferences/")).keys().get(0);
				assertThat(key.expiration()).as("KV's own expiration, from the system clock")
					.isGreaterThan(Instant.now().plus(Duration.ofDays(29)).getEpochSecond());
				assertThat(context.getBean(KVRepositoryOptions.class).timeToLive("preferences"))
					.isEqualTo(Duration.ofDays(30));
			});
	}

	@Test
	void customizersRunInOrderAfterTheProperties() {
		this.application.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs")
			.withUserConfiguration(OrderedCustomizers.class)
			.run((context) -> assertThat(context.getBean(KVRepositoryOptions.class).keySeparator())
				.as("the later customizer wins").isEqualTo("#"));
	}

	@Test
	void anApplicationOptionsBeanReplacesTheProperties() {
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs", "cloudflare.kv.repositories.key-separator=/")
			.withBean(KVRepositoryOptions.class, () -> KVRepositoryOptions.defaults().withKeySeparator("|"))
			.run((context) -> {
				context.getBean(PreferencesRepository.class).save(new Preferences("ada", "dark"));

				assertThat(context.getBean("PREFS", KVNamespace.class).get("preferences|ada")).isNotNull();
			});
	}

	@Test
	void enabledFalseRegistersNoRepositoriesButKeepsTheOptions() {
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs", "cloudflare.kv.repositories.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PreferencesRepository.class)
				.doesNotHaveBean(KVKeyValueAdapter.class)
				.hasSingleBean(KVRepositoryOptions.class));
	}

	@Test
	void anApplicationThatEnablesRepositoriesItselfGetsOnlyItsOwnWithThePropertiesLayout() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache", "cloudflare.kv.namespaces.PREFS.id=prefs",
					"cloudflare.kv.repositories.key-separator=/")
			.withUserConfiguration(RepositoryApplication.class, OwnRepositories.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PreferencesRepository.class);
				assertThat(context.getBeanNamesForType(KVKeyValueAdapter.class))
					.containsExactly("ownTemplateAdapter");
				context.getBean(PreferencesRepository.class).save(new Preferences("ada", "dark"));

				assertThat(context.getBean("CACHE", KVNamespace.class).get("preferences/ada")).isNotNull();
			});
	}

	@Test
	void withoutKVSpringDataNothingIsConfigured() {
		this.application.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs")
			.withClassLoader(new FilteredClassLoader(EnableKVRepositories.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(KVRepositoryOptions.class)
				.doesNotHaveBean(KVRepositoriesProperties.class));
	}

	@Test
	void anApplicationWithoutRepositoriesNeedsNoBinding() {
		this.contextRunner.withUserConfiguration(ApplicationWithoutRepositories.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(KVRepositoryOptions.class));
	}

	@Test
	void anUnknownBindingPropertyFailsNamingTheProperty() {
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs", "cloudflare.kv.repositories.binding=PREFERENCES")
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(UnknownBindingException.class);
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo("`cloudflare.kv.repositories.binding` names the KV "
						+ "binding 'PREFERENCES', but no KV namespace is bound under that name. Known bindings: PREFS.");
				assertThat(analysis.getAction()).startsWith("Bind it by setting `cloudflare.kv.namespaces.PREFERENCES.id`")
					.endsWith("or change `cloudflare.kv.repositories.binding` to one of the known bindings.");
			});
	}

	@Test
	void severalBindingsAndNoneNamedFailAskingForTheBindingProperty() {
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.CACHE.id=cache", "cloudflare.kv.namespaces.PREFS.id=prefs")
			.run((context) -> {
				assertThat(context).getFailure().rootCause().isInstanceOf(KVRepositoryBindingException.class);
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo("KV repositories need one KV namespace for their "
						+ "entities, and 2 are bound (CACHE, PREFS) without one being named.");
				assertThat(analysis.getAction()).startsWith("Set `cloudflare.kv.repositories.binding` to the binding");
			});
	}

	@Test
	void aRepositoryWithoutAnyBindingFailsAskingForOne() {
		this.application.run((context) -> {
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription())
				.isEqualTo("KV repositories need a KV namespace for their entities, and no KV binding is configured.");
			assertThat(analysis.getAction()).contains("`cloudflare.kv.namespaces.<BINDING>.id`")
				.contains("`cloudflare.kv.repositories.enabled=false`");
		});
	}

	@Test
	void anAnnotationBindingWithoutANamespaceIsExplained() {
		this.contextRunner.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs")
			.withUserConfiguration(UnboundRepositories.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).isEqualTo("KV repositories use the binding 'SETTINGS', but no "
						+ "KV namespace is bound under that name. Known bindings: PREFS.");
				assertThat(analysis.getAction()).startsWith("Bind it by setting `cloudflare.kv.namespaces.SETTINGS.id`");
			});
	}

	@Test
	void anEmptyKeySeparatorOrANegativeTimeToLiveFailsNamingTheProperty() {
		this.application.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs", "cloudflare.kv.repositories.key-separator=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("cloudflare.kv.repositories.key-separator"))
				.hasMessageContaining("keySeparator must not be empty"));
		this.application
			.withPropertyValues("cloudflare.kv.namespaces.PREFS.id=prefs",
					"cloudflare.kv.repositories.time-to-live.preferences=-5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> assertThat(ex.getName())
					.isEqualTo("cloudflare.kv.repositories.time-to-live.preferences")));
	}

	private static Clock clockAt(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	/** Runs the registered failure analyzers, as Spring Boot does, and returns the first analysis. */
	private static FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
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
	static class OrderedCustomizers {

		@Bean
		@Order(1)
		KVRepositoryOptionsCustomizer first() {
			return (options) -> options.withKeySeparator("!");
		}

		@Bean
		@Order(2)
		KVRepositoryOptionsCustomizer second() {
			return (options) -> options.withKeySeparator("#");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(basePackageClasses = PreferencesRepository.class, binding = "CACHE",
			keyValueTemplateRef = "ownTemplate")
	static class OwnRepositories {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableKVRepositories(basePackageClasses = PreferencesRepository.class, binding = "SETTINGS")
	static class UnboundRepositories {

	}

}
