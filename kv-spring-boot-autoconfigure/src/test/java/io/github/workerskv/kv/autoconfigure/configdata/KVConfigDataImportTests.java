package io.github.workerskv.kv.autoconfigure.configdata;

import java.nio.file.Path;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVBootstrapNamespaces;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.config.import=cloudflare-kv:…} on the embedded store, seeded from {@code kvconfig/seed.json}:
 * prefixes and documents in each format, profile-specific variants, precedence, binding, and one store shared
 * with the application context.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVConfigDataImportTests {

	@Test
	void prefixImportsEveryKeyUnderItAsOnePropertyWithEachSeparatorADot() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("app.greeting")).isEqualTo("hello from KV");
			assertThat(environment.getProperty("app.limit")).isEqualTo("7");
			assertThat(environment.getProperty("db.password")).isEqualTo("s3cr3t-kv-pass");
			assertThat(environment.getProperty("greeting")).isNull();
			assertThat(environment.getProperty("unrelated.app.greeting")).isNull();
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("hello from KV");
			ConfigApp.AppProperties app = context.getBean(ConfigApp.AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("hello from KV");
			assertThat(app.getLimit()).isEqualTo(7);
			assertThat(context.getBean(ConfigApp.FrozenAppProperties.class).greeting()).isEqualTo("hello from KV");
		}
	}

	@Test
	void aPrefixWithoutItsTrailingSeparatorReadsTheSameKeys() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/myapp")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from KV");
			assertThat(context.getEnvironment().getPropertySources().contains("cloudflare-kv:CONFIG/config/myapp/"))
				.isTrue();
		}
	}

	@Test
	void theKeySeparatorIsConfigurable() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--cloudflare.kv.config.key-separator=:",
				"--spring.config.import=cloudflare-kv:CONFIG/cfg:myapp:")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello with colons");
		}
	}

	@Test
	void yamlDocumentImportsThroughBootsYamlLoaderListsIncluded() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml")) {
			ConfigApp.AppProperties app = context.getBean(ConfigApp.AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("from yaml");
			assertThat(app.getLimit()).isEqualTo(3);
			assertThat(app.getServers()).containsExactly("a.example", "b.example");
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("from yaml");
		}
	}

	@Test
	void propertiesDocumentImports() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/app.properties")) {
			ConfigApp.AppProperties app = context.getBean(ConfigApp.AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("from properties");
			assertThat(app.getLimit()).isEqualTo(4);
		}
	}

	@Test
	void jsonDocumentImports() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/app.json")) {
			ConfigApp.AppProperties app = context.getBean(ConfigApp.AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("from json");
			assertThat(app.getLimit()).isEqualTo(5);
		}
	}

	@Test
	void theOriginOfAPrefixPropertyIsItsKey() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			PropertySource<?> source = context.getEnvironment()
				.getPropertySources()
				.get("cloudflare-kv:CONFIG/config/myapp/");
			assertThat(source).isInstanceOf(KVConfigPropertySource.class);
			assertThat(((KVConfigPropertySource) source).getOrigin("app.greeting"))
				.hasToString("KV key 'config/myapp/app/greeting' of binding 'CONFIG'");
		}
	}

	@Test
	void aProfileVariantOfAPrefixWinsOverThePrefix() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.profiles.active=prod",
				"--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from KV prod");
			assertThat(context.getEnvironment().getProperty("app.limit")).isEqualTo("7");
		}
	}

	@Test
	void withTwoProfilesTheLastOnesVariantWinsAsWithBootsFiles() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.profiles.active=prod,eu",
				"--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from KV eu");
			assertThat(context.getEnvironment().getProperty("app.region")).isEqualTo("eu");
		}
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.profiles.active=eu,prod",
				"--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from KV prod");
			assertThat(context.getEnvironment().getProperty("app.region")).isEqualTo("eu");
		}
	}

	@Test
	void aProfileVariantOfADocumentIsItsKeyWithTheProfileBeforeTheExtension() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.profiles.active=prod",
				"--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml")) {
			assertThat(context.getBean(ConfigApp.AppProperties.class).getGreeting()).isEqualTo("from yaml prod");
			assertThat(context.getBean(ConfigApp.AppProperties.class).getLimit()).isEqualTo(3);
		}
	}

	@Test
	void aMissingProfileVariantIsNoFailure() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.profiles.active=staging",
				"--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml,cloudflare-kv:CONFIG/config/myapp/")) {
			assertThat(context.getEnvironment().getProperty("app.limit")).isEqualTo("7");
		}
	}

	@Test
	void aDocumentsOnProfileSectionsAreHonoured() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/multi.yaml")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("multi default");
		}
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.profiles.active=prod",
				"--spring.config.import=cloudflare-kv:CONFIG/config/multi.yaml")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("multi prod");
		}
	}

	@Test
	void ofTwoImportedLocationsTheLaterWins() {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml,cloudflare-kv:CONFIG/config/app.json")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("from json");
		}
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/app.json,cloudflare-kv:CONFIG/config/app.yaml")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("from yaml");
		}
	}

	@Test
	void importedValuesWinOverTheApplicationYmlThatImportsThemButNotOverTheCommandLine() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.config.name=kvconfig-application")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from KV");
			assertThat(context.getEnvironment().getProperty("app.only-in-file")).isEqualTo("from application.yml");
		}
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.config.name=kvconfig-application",
				"--app.greeting=from the command line")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("from the command line");
			assertThat(context.getBean(ConfigApp.AppProperties.class).getGreeting()).isEqualTo("from the command line");
		}
	}

	@Test
	void withAProfileKVsVariantWinsOverTheProfileSpecificFile() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--spring.config.name=kvconfig-application",
				"--spring.profiles.active=prod")) {
			Environment environment = context.getEnvironment();
			assertThat(environment.getProperty("app.only-in-file")).isEqualTo("from application-prod.yml");
			assertThat(environment.getProperty("app.greeting")).isEqualTo("hello from KV prod");
		}
	}

	@Test
	void theApplicationContextUsesTheStoreTheImportRead(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ConfigApp
			.run("--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			KVBootstrapNamespaces bootstrap = context.getBean(KVBootstrapNamespaces.class);
			KVNamespace imported = bootstrap.namespaces().get("CONFIG");
			assertThat(context.getBeansOfType(LocalKVStore.class)).hasSize(1);
			assertThat(context.getBean(LocalKVStore.class).namespace("config-namespace")).isSameAs(imported);
			assertThat(context.getBean("CONFIG", KVNamespace.class)).isSameAs(imported);
			assertThat(output).contains("Importing configuration from KV (local, embedded store in memory)")
				.contains("Seeded KV binding 'CONFIG' from classpath:kvconfig/seed.json: 15 of 15 keys written");
		}
	}

	@Test
	void seedingAPersistedStoreKeepsTheKeysItAlreadyHolds(@TempDir Path dir) {
		Path file = dir.resolve("kv.db");
		try (LocalKVStore store = LocalKVStore.open(file)) {
			store.namespace("config-namespace").put("config/myapp/app/greeting", "changed since the seed");
		}
		try (ConfigurableApplicationContext context = ConfigApp.run("--cloudflare.kv.local.persist-path=" + file,
				"--spring.config.import=cloudflare-kv:CONFIG/config/myapp/")) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("changed since the seed");
			assertThat(context.getEnvironment().getProperty("app.limit")).isEqualTo("7");
			assertThat(context.getBeansOfType(LocalKVStore.class)).hasSize(1);
			assertThat(context.getBean(LocalKVStore.class).options().persistPath()).isEqualTo(file);
		}
	}

	@Test
	void withoutAnImportNothingOfThisIsThere() {
		try (ConfigurableApplicationContext context = ConfigApp.run()) {
			assertThat(context.getBeansOfType(KVBootstrapNamespaces.class)).isEmpty();
			assertThat(context.getBeansOfType(KVConfigImports.class)).isEmpty();
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("none");
			assertThat(List.of(context.getBeanNamesForType(KVConfigWatcher.class))).isEmpty();
		}
	}

}
