package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imported properties whose names end in a secret suffix stay masked in the actuator's {@code env} endpoint,
 * even when it shows every value; the rest is shown.
 */
class KVConfigSecretsTests {

	private static final String IMPORT = "--spring.config.import=cloudflare-kv:CONFIG/config/myapp/";

	@Test
	void secretSuffixesAreMaskedByDefaultAndOtherImportedValuesShown() {
		try (ConfigurableApplicationContext context = ConfigApp.run(IMPORT)) {
			String env = environmentEndpoint(context, sanitizers(context));
			assertThat(env).contains("app.greeting=hello from KV")
				.contains("db.password=******")
				.contains("app.api-key=******")
				.doesNotContain("s3cr3t-kv-pass", "kv-api-key-1f2e");
		}
	}

	@Test
	void withoutTheFunctionTheEndpointWouldShowThem() {
		try (ConfigurableApplicationContext context = ConfigApp.run(IMPORT)) {
			assertThat(environmentEndpoint(context, List.of())).contains("s3cr3t-kv-pass", "kv-api-key-1f2e");
		}
	}

	@Test
	void theSuffixesAreConfigurableAndAFullNameMarksOneProperty() {
		try (ConfigurableApplicationContext context = ConfigApp.run(IMPORT,
				"--cloudflare.kv.config.secret-suffixes=.password,app.greeting")) {
			String env = environmentEndpoint(context, sanitizers(context));
			assertThat(env).contains("app.greeting=******", "db.password=******", "app.api-key=kv-api-key-1f2e");
		}
	}

	@Test
	void aSuffixMatchesOnlyAtAWordBoundary() {
		KVConfigSanitizingFunction function = new KVConfigSanitizingFunction(List.of("key", ".token"));
		assertThat(function.isSecret("app.api-key")).isTrue();
		assertThat(function.isSecret("app.signing_key")).isTrue();
		assertThat(function.isSecret("key")).isTrue();
		assertThat(function.isSecret("app.token")).isTrue();
		assertThat(function.isSecret("app.monkey")).isFalse();
		assertThat(function.isSecret("app.keys")).isFalse();
		assertThat(function.isSecret("app.key-prefix")).isFalse();
	}

	private static List<SanitizingFunction> sanitizers(ConfigurableApplicationContext context) {
		assertThat(context.containsBean("kvConfigSanitizingFunction")).isTrue();
		return context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
	}

	private static String environmentEndpoint(ConfigurableApplicationContext context,
			List<SanitizingFunction> sanitizers) {
		EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(), sanitizers, Show.ALWAYS);
		StringBuilder values = new StringBuilder();
		endpoint.environment(null)
			.getPropertySources()
			.stream()
			.filter((source) -> source.getName().startsWith("cloudflare-kv:"))
			.forEach((source) -> source.getProperties()
				.forEach((name, value) -> values.append(name).append('=').append(value.getValue()).append('\n')));
		return values.toString();
	}

}
