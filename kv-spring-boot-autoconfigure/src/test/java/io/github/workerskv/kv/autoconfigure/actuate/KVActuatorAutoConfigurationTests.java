package io.github.workerskv.kv.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The credentials stay masked in {@code /actuator/env} and {@code /actuator/configprops}. */
class KVActuatorAutoConfigurationTests {

	private static final String TOKEN = "tok-3f9a-must-not-leak";

	private static final String KEY = "key-77c1-must-not-leak";

	private static final String ENV_TOKEN = "env-tok-5d2e-must-not-leak";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class, KVActuatorAutoConfiguration.class))
		.withInitializer((context) -> context.getEnvironment().getPropertySources()
			.addFirst(new MapPropertySource("systemEnvironment-like",
					Map.of("CLOUDFLARE_API_TOKEN", ENV_TOKEN, "CF_API_KEY", KEY))))
		.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.namespaces.FLAGS.id=flags");

	@Test
	void envEndpointShowingEveryValueStillMasksTheCredentials() {
		this.runner.withPropertyValues("cloudflare.kv.api-token=" + TOKEN).run((context) -> {
			String env = environmentEndpoint(context, sanitizers(context));
			assertThat(env).contains("acct").doesNotContain(TOKEN, KEY, ENV_TOKEN);
		});
	}

	@Test
	void configpropsEndpointShowingEveryValueStillMasksTheCredentials() {
		this.runner.withPropertyValues("cloudflare.kv.api-token=" + TOKEN).run((context) -> {
			String props = configpropsEndpoint(context, sanitizers(context));
			assertThat(props).contains("acct").doesNotContain(TOKEN);
		});
	}

	@Test
	void theGlobalApiKeyIsMaskedToo() {
		this.runner.withPropertyValues("cloudflare.kv.api-key=" + KEY, "cloudflare.kv.email=ops@example.com")
			.run((context) -> {
				assertThat(environmentEndpoint(context, sanitizers(context))).contains("ops@example.com")
					.doesNotContain(KEY);
				assertThat(configpropsEndpoint(context, sanitizers(context))).doesNotContain(KEY);
			});
	}

	@Test
	void withoutTheSanitizerTheEndpointsWouldShowTheCredentials() {
		this.runner.withPropertyValues("cloudflare.kv.api-token=" + TOKEN).run((context) -> {
			assertThat(environmentEndpoint(context, List.of())).contains(TOKEN, ENV_TOKEN);
			assertThat(configpropsEndpoint(context, List.of())).contains(TOKEN);
		});
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("kvCredentialsSanitizingFunction"));
	}

	private static List<SanitizingFunction> sanitizers(AssertableApplicationContext context) {
		assertThat(context).hasBean("kvCredentialsSanitizingFunction");
		return context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
	}

	private static String environmentEndpoint(AssertableApplicationContext context, List<SanitizingFunction> sanitizers) {
		EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(), sanitizers, Show.ALWAYS);
		StringBuilder values = new StringBuilder();
		endpoint.environment(null).getPropertySources().forEach((source) -> source.getProperties()
			.forEach((name, value) -> values.append(name).append('=').append(value.getValue()).append('\n')));
		return values.toString();
	}

	private static String configpropsEndpoint(AssertableApplicationContext context,
			List<SanitizingFunction> sanitizers) {
		ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(sanitizers,
				Show.ALWAYS);
		endpoint.setApplicationContext(context);
		StringBuilder values = new StringBuilder();
		endpoint.configurationProperties().getContexts().values().forEach((beans) -> beans.getBeans()
			.forEach((name, bean) -> values.append(name).append('=').append(bean.getProperties()).append('\n')));
		return values.toString();
	}

}
