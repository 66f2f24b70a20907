package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;

import io.github.workerskv.kv.KVNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Real {@code SpringApplication} start-ups: the failure analyzers are registered in {@code spring.factories} and
 * print their report, and the API token appears nowhere in the start-up log, even at TRACE with the condition
 * report on, nor in the {@code toString()} of anything that holds it.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVSpringApplicationTests {

	private static final String TOKEN = "tok-7c4e1f0a9b2d";

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private static final String[] BASE = { "spring.main.banner-mode=off", "CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=",
			"CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=", "cloudflare.kv.base-url=http://127.0.0.1:9/client/v4" };

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			no credentials      | cloudflare.kv.mode=remote,cloudflare.kv.account-id=acct | no Cloudflare API credentials are set | Set `cloudflare.kv.api-token` (or CLOUDFLARE_API_TOKEN)
			no account id       | cloudflare.kv.mode=remote,cloudflare.kv.api-token=tok-7c4e1f0a9b2d | no Cloudflare account id is set | Set `cloudflare.kv.account-id`
			malformed id        | cloudflare.kv.mode=remote,cloudflare.kv.account-id=acct,cloudflare.kv.api-token=tok-7c4e1f0a9b2d,cloudflare.kv.namespaces.FLAGS.id=flags | has the namespace id 'flags' | Set `cloudflare.kv.namespaces.FLAGS.id`
			unknown binding     | cloudflare.kv.namespaces.FLAGS.id=flags,sample.binding=SESSIONS | No KV namespace is bound as 'SESSIONS'. Known bindings: FLAGS. | Bind it by setting `cloudflare.kv.namespaces.SESSIONS.id`
			missing wrangler    | cloudflare.kv.wrangler-config=does/not/exist/wrangler.jsonc | Cannot read the KV namespaces of the wrangler configuration file | Fix the file
			""")
	void failedStartUpPrintsTheAnalyzersDescriptionAndAction(String name, String properties, String description,
			String action, CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(properties.split(",")).close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(description)
			.contains(action)
			.doesNotContain(TOKEN);
	}

	@Test
	void tokenIsInNoStartUpLogLineEvenAtTraceWithTheConditionReport(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("debug=true", "logging.level.io.github.workerskv=TRACE",
				"logging.level.org.springframework.boot.context.properties=TRACE", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
				"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)) {
			assertThat(output).contains("KV binding 'FLAGS': remote namespace " + FLAGS_ID)
				.contains("CONDITIONS EVALUATION REPORT")
				.doesNotContain(TOKEN);
			assertThat(context.getBean(KVProperties.class).getApiToken()).isEqualTo(TOKEN);
			assertThat(context.getBean(KVProperties.class)).hasToString(
					"KVProperties[mode=REMOTE, accountId=acct, apiToken=****, apiKey=null, email=null, "
							+ "baseUrl=http://127.0.0.1:9/client/v4, usePreviewIds=false, wranglerConfig=null, "
							+ "wranglerEnvironment=null, verifyOnStartup=false, verifyTimeout=PT5S, namespaces={FLAGS={id=" + FLAGS_ID + ", previewId=null}}, local={persistPath=null}, "
							+ "http={connectTimeout=PT10S, requestTimeout=PT1M, idleConnectionTimeout=PT15S, client=AUTO}, "
							+ "retry={enabled=true, maxAttempts=5, "
							+ "initialBackoff=PT0.5S, multiplier=2.0, jitter=0.25, maxBackoff=PT8S, deadline=PT30S, "
							+ "maxRetryAfter=null, ambiguousWriteSettleTime=null}, "
							+ "writePacing={enabled=false, interval=PT1S, shutdownTimeout=PT10S}, "
							+ "rateLimit={enabled=false, requests=1200, window=PT5M, maxWait=PT5M}]");
			assertThat(context.getBean(KVConnectionDetails.class).toString()).contains("acct").doesNotContain(TOKEN);
		}
	}

	@Test
	void globalKeyIsMaskedLikeTheToken(@TempDir Path dir, CapturedOutput output) {
		try (ConfigurableApplicationContext context = run("debug=true", "cloudflare.kv.mode=remote",
				"cloudflare.kv.account-id=acct", "cloudflare.kv.api-key=" + TOKEN, "cloudflare.kv.email=dev@example.com",
				"cloudflare.kv.local.persist-path=" + dir.resolve("unused.db"))) {
			assertThat(output).doesNotContain(TOKEN);
			assertThat(context.getBean(KVProperties.class).toString()).contains("apiKey=****").doesNotContain(TOKEN);
			assertThat(context.getBean(KVConnectionDetails.class).toString()).contains("dev@example.com")
				.doesNotContain(TOKEN);
		}
	}

	@Test
	void requiredNamespaceWithoutBindingsPointsAtTheMisspeltKeyInsteadOfSpringsGenericReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(NamespaceUserApplication.class, "cloudflare.kv.namespace.FLAGS.id=flags")
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("required a bean of type 'io.github.workerskv.kv.KVNamespace', but no KV binding is configured")
			.contains("`cloudflare.kv.namespace.FLAGS.id` (did you mean `cloudflare.kv.namespaces.FLAGS.id`?)")
			.contains("Rename `cloudflare.kv.namespace.FLAGS.id` to `cloudflare.kv.namespaces.FLAGS.id`.")
			.doesNotContain("Consider defining a bean of type");
	}

	@Test
	void failedVerificationPrintsTheBaseUrlProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("cloudflare.kv.mode=remote", "cloudflare.kv.account-id=acct",
				"cloudflare.kv.api-token=" + TOKEN, "cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID,
				"cloudflare.kv.verify-on-startup=true")
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Workers KV start-up verification (`cloudflare.kv.verify-on-startup`) failed for 1 of 1 binding")
			.contains("Check `cloudflare.kv.base-url` (http://127.0.0.1:9/client/v4)")
			.doesNotContain(TOKEN);
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return run(TestApplication.class, properties);
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(BASE)
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(KVAutoConfiguration.class)
	static class NamespaceUserApplication {

		@Bean
		Object namespaceUser(KVNamespace flags) {
			return flags;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(KVAutoConfiguration.class)
	static class TestApplication {

		/** Names a binding from a property, as the cache and feature-flag configurations will. */
		@Bean
		Object bindingUser(KVNamespaces namespaces, Environment environment) {
			String binding = environment.getProperty("sample.binding");
			return (binding != null) ? namespaces.get(binding) : "none";
		}

	}

}
