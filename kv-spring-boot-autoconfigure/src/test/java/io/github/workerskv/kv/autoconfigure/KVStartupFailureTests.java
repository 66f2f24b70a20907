package io.github.workerskv.kv.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfigException;
import io.github.workerskv.kv.cloudflare.HttpClientType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every misconfiguration stops start-up, and its failure analyzer says what is wrong and which property fixes
 * it. The analyzers run on the context's start-up failure, as Spring Boot runs them.
 */
class KVStartupFailureTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private static final String TOKEN = "secret-token-5d1e8b";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=",
				"cloudflare.kv.base-url=http://127.0.0.1:9/client/v4");

	private final ApplicationContextRunner remote = this.contextRunner.withPropertyValues("cloudflare.kv.mode=remote");

	@Test
	void remoteModeWithoutAnAccountIdNamesTheAccountIdPropertyAndLocalMode() {
		this.remote.withPropertyValues("cloudflare.kv.api-token=" + TOKEN).run((context) -> {
			FailureAnalysis analysis = analyze(context, new IncompleteConnectionPropertiesFailureAnalyzer());
			assertThat(analysis.getDescription()).isEqualTo(
					"Workers KV is in remote mode (`cloudflare.kv.mode=remote`) but no Cloudflare account id is set.");
			assertThat(analysis.getAction()).isEqualTo("Set `cloudflare.kv.account-id` (or the environment variable "
					+ "CLOUDFLARE_ACCOUNT_ID) to the account id shown in the Cloudflare dashboard, or switch to "
					+ "`cloudflare.kv.mode=local` to use the embedded store.");
		});
	}

	@Test
	void remoteModeWithoutCredentialsNamesTheTokenPropertyItsVariableAndLocalMode() {
		this.remote.withPropertyValues("cloudflare.kv.account-id=acct").run((context) -> {
			FailureAnalysis analysis = analyze(context, new IncompleteConnectionPropertiesFailureAnalyzer());
			assertThat(analysis.getDescription()).isEqualTo("Workers KV is in remote mode (`cloudflare.kv.mode=remote`) "
					+ "but no Cloudflare API credentials are set.");
			assertThat(analysis.getAction()).isEqualTo("Set `cloudflare.kv.api-token` (or CLOUDFLARE_API_TOKEN) to an "
					+ "API token with the Workers KV Storage permissions, or set `cloudflare.kv.api-key` and "
					+ "`cloudflare.kv.email` (or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL) to a global API key and its "
					+ "account's email, or switch to `cloudflare.kv.mode=local` to use the embedded store.");
		});
	}

	@Test
	void globalKeyWithoutEmailNamesTheEmailProperty() {
		this.remote.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-key=" + TOKEN)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new IncompleteConnectionPropertiesFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("A Cloudflare global API key is set "
						+ "(`cloudflare.kv.api-key`) but not the email of its account, which Cloudflare requires with it.");
				assertThat(analysis.getAction()).isEqualTo("Set `cloudflare.kv.email` (or CLOUDFLARE_EMAIL) to the "
						+ "account's email, or replace the global key with `cloudflare.kv.api-token`.");
				assertNoSecret(context, analysis);
			});
	}

	@Test
	void emailWithoutAKeyNamesTheKeyProperty() {
		this.remote.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.email=dev@example.com")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new IncompleteConnectionPropertiesFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("An email for a Cloudflare global API key is set "
						+ "(`cloudflare.kv.email`) but neither a global API key nor an API token.");
				assertThat(analysis.getAction()).startsWith("Set `cloudflare.kv.api-key` (or CLOUDFLARE_API_KEY)")
					.contains("`cloudflare.kv.api-token`");
			});
	}

	@Test
	void tokenAndGlobalKeyTogetherAreRejectedAsMutuallyExclusive() {
		this.contextRunner.withPropertyValues("cloudflare.kv.api-token=" + TOKEN, "cloudflare.kv.api-key=" + TOKEN)
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOfSatisfying(MutuallyExclusiveConfigurationPropertiesException.class,
							(ex) -> assertThat(ex.getMutuallyExclusiveNames())
								.containsExactlyInAnyOrder("cloudflare.kv.api-token", "cloudflare.kv.api-key"));
				assertThat(stackTrace(context)).doesNotContain(TOKEN);
			});
	}

	@Test
	void tokenThatCannotBeAHeaderNamesThePropertyButNotTheToken() {
		this.remote.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=secret token")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("API token holds a character that is not printable ASCII at index 6");
				assertThat(stackTrace(context)).contains("Invalid `cloudflare.kv.api-token`")
					.doesNotContain("secret token");
			});
	}

	@Test
	void malformedNamespaceIdInRemoteModeNamesTheBindingsIdProperty() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.id=my-flags")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new InvalidNamespaceIdFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("KV binding 'FLAGS' has the namespace id 'my-flags' "
						+ "(from cloudflare.kv.namespaces.FLAGS.id), but a Workers KV namespace id is 32 lowercase "
						+ "hexadecimal characters.");
				assertThat(analysis.getAction()).isEqualTo("Set `cloudflare.kv.namespaces.FLAGS.id` to the namespace's "
						+ "id, as `wrangler kv namespace list` prints it (not its title), or switch to "
						+ "`cloudflare.kv.mode=local`, where any id works.");
			});
	}

	@Test
	void upperCaseNamespaceIdIsMalformedInRemoteMode() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID.toUpperCase())
			.run((context) -> assertThat(analyze(context, new InvalidNamespaceIdFailureAnalyzer()).getDescription())
				.contains("'" + FLAGS_ID.toUpperCase() + "'"));
	}

	@Test
	void bindingWithoutAnIdInRemoteModeNamesItsIdProperty() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.preview-id=" + FLAGS_ID)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new InvalidNamespaceIdFailureAnalyzer());
				assertThat(analysis.getDescription())
					.isEqualTo("KV binding 'FLAGS' has no namespace id, which remote mode needs.");
				assertThat(analysis.getAction()).startsWith("Set `cloudflare.kv.namespaces.FLAGS.id` to the namespace's id");
			});
	}

	@Test
	void usePreviewIdsWithoutAPreviewIdInRemoteModeNamesThePreviewIdPropertyAndTheSwitch() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.use-preview-ids=true", "cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new InvalidNamespaceIdFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("KV binding 'FLAGS' has no preview id, which remote "
						+ "mode needs when `cloudflare.kv.use-preview-ids=true`.");
				assertThat(analysis.getAction()).isEqualTo("Set `cloudflare.kv.namespaces.FLAGS.preview-id` to the id "
						+ "of the namespace to use in development, or set `cloudflare.kv.use-preview-ids=false`, or "
						+ "switch to `cloudflare.kv.mode=local`, where any id works.");
			});
	}

	@Test
	void malformedIdFromAWranglerFileNamesTheFileAndThePropertyThatOverridesIt(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("wrangler.jsonc"), """
				{ "kv_namespaces": [ { "binding": "FLAGS", "id": "flags-title" } ] }
				""");
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.wrangler-config=" + file)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new InvalidNamespaceIdFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("KV binding 'FLAGS' has the namespace id 'flags-title' "
						+ "(from id of 'FLAGS' in kv_namespaces of " + file + "), but a Workers KV namespace id is 32 "
						+ "lowercase hexadecimal characters.");
				assertThat(analysis.getAction()).startsWith("Set `cloudflare.kv.namespaces.FLAGS.id`");
			});
	}

	@Test
	void missingWranglerFileNamesTheFileTheReasonAndTheProperty(@TempDir Path dir) {
		Path file = dir.resolve("wrangler.jsonc");
		this.contextRunner.withPropertyValues("cloudflare.kv.wrangler-config=" + file).run((context) -> {
			assertThat(context).getFailure().isInstanceOf(WranglerConfigException.class);
			FailureAnalysis analysis = analyze(context, new WranglerConfigFailureAnalyzer());
			assertThat(analysis.getDescription())
				.startsWith("Cannot read the KV namespaces of the wrangler configuration file '" + file
						+ "' (set by `cloudflare.kv.wrangler-config`): the file does not exist")
				.endsWith(".");
			assertThat(analysis.getAction()).isEqualTo("Fix the file, or point `cloudflare.kv.wrangler-config` at a "
					+ "readable wrangler.jsonc, wrangler.json or wrangler.toml, or remove `cloudflare.kv.wrangler-config` "
					+ "and bind namespaces with `cloudflare.kv.namespaces.<BINDING>.id`.");
		});
	}

	@Test
	void malformedWranglerFileIsReportedWithItsReason(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("wrangler.json"), "{ \"kv_namespaces\": 42 }");
		this.contextRunner.withPropertyValues("cloudflare.kv.wrangler-config=" + file)
			.run((context) -> assertThat(analyze(context, new WranglerConfigFailureAnalyzer()).getDescription())
				.contains(file.toString())
				.contains("kv_namespaces"));
	}

	@Test
	void unknownWranglerEnvironmentNamesTheEnvironmentsOfTheFileAndBothProperties(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("wrangler.toml"), """
				[[env.staging.kv_namespaces]]
				binding = "FLAGS"
				id = "%s"

				[env.production]
				name = "worker"
				""".formatted(FLAGS_ID));
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.wrangler-environment=prod")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new WranglerConfigFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("Cannot read the KV namespaces of the environment "
						+ "'prod' (set by `cloudflare.kv.wrangler-environment`) of the wrangler configuration file '"
						+ file + "' (set by `cloudflare.kv.wrangler-config`): it declares no environment 'prod' (asked "
						+ "for by cloudflare.kv.wrangler-environment); its environments are staging, production.");
				assertThat(analysis.getAction()).isEqualTo("Set `cloudflare.kv.wrangler-environment` to an environment "
						+ "the file declares (its env.<name> sections, as `wrangler --env <name>` takes them), or add an "
						+ "env.prod section with its kv_namespaces to the file, or remove "
						+ "`cloudflare.kv.wrangler-environment` to read the top-level kv_namespaces.");
			});
	}

	@Test
	void unknownBindingReferencedByAPropertyNamesThatPropertyAndHowToBindIt() {
		this.contextRunner.withUserConfiguration(BindingReferenceConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache",
					"kv.cache.binding=SESSIONS")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new UnknownBindingFailureAnalyzer());
				assertThat(analysis.getDescription()).isEqualTo("`kv.cache.binding` names the KV binding 'SESSIONS', "
						+ "but no KV namespace is bound under that name. Known bindings: FLAGS, CACHE.");
				assertThat(analysis.getAction()).isEqualTo("Bind it by setting `cloudflare.kv.namespaces.SESSIONS.id` "
						+ "(or with an entry in the kv_namespaces of the file named by `cloudflare.kv.wrangler-config`), "
						+ "or change `kv.cache.binding` to one of the known bindings.");
			});
	}

	@Test
	void unknownBindingAskedForByCodeSaysWhenNoBindingIsConfigured() {
		this.contextRunner.withUserConfiguration(RegistryConsumerConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyze(context, new UnknownBindingFailureAnalyzer());
			assertThat(analysis.getDescription())
				.isEqualTo("No KV namespace is bound as 'SESSIONS'. No KV bindings are configured.");
			assertThat(analysis.getAction()).isEqualTo("Bind it by setting `cloudflare.kv.namespaces.SESSIONS.id` (or "
					+ "with an entry in the kv_namespaces of the file named by `cloudflare.kv.wrangler-config`).");
		});
	}

	@Test
	void requiredNamespaceWithoutAnyBindingPointsAtTheNamespacesProperty() {
		this.contextRunner.withUserConfiguration(NamespaceUserConfiguration.class).run((context) -> {
			FailureAnalysis analysis = analyze(context, missingNamespace());
			assertThat(analysis.getDescription()).startsWith("Parameter 0 of method namespaceUser in "
					+ NamespaceUserConfiguration.class.getName() + " required a bean of type "
					+ "'io.github.workerskv.kv.KVNamespace', but no KV binding is configured, so there is none: each "
					+ "entry of `cloudflare.kv.namespaces` (and of the kv_namespaces of the file named by "
					+ "`cloudflare.kv.wrangler-config`) becomes a KVNamespace bean named after its binding.");
			assertThat(analysis.getAction()).isEqualTo("Bind a namespace with `cloudflare.kv.namespaces.<BINDING>.id` "
					+ "(for example `cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279` in remote mode, "
					+ "any text in local mode), or name the Worker's wrangler file with `cloudflare.kv.wrangler-config`.");
		});
	}

	@Test
	void misspeltNamespacesKeyIsNamedWithTheKeyItIsClosestTo() {
		String[] properties = { "cloudflare.kv.namespace.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.moed=remote",
				"cloudflare.kv.entirely-unknown=1", "cloudflare.kv.http.connect-timeout=5s",
				"cloudflare.kv.cache.caches.books.time-to-live=1m" };
		this.contextRunner.withUserConfiguration(NamespaceUserConfiguration.class)
			.withPropertyValues(properties)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, missingNamespace(properties));
				assertThat(analysis.getDescription()).endsWith("These keys are set but no Workers KV property has their "
						+ "name: `cloudflare.kv.namespace.FLAGS.id` (did you mean `cloudflare.kv.namespaces.FLAGS.id`?), "
						+ "`cloudflare.kv.moed` (did you mean `cloudflare.kv.mode`?), `cloudflare.kv.entirely-unknown`.");
				assertThat(analysis.getAction()).startsWith("Rename `cloudflare.kv.namespace.FLAGS.id` to "
						+ "`cloudflare.kv.namespaces.FLAGS.id`, `cloudflare.kv.moed` to `cloudflare.kv.mode`. Otherwise, "
						+ "bind a namespace with `cloudflare.kv.namespaces.<BINDING>.id`");
			});
	}

	@Test
	void relaxedSpellingsOfDeclaredKeysAreNotReportedAsUnknown() {
		String[] properties = { "cloudflare.kv.wranglerEnvironment=", "cloudflare.kv.use_preview_ids=true",
				"cloudflare.kv.HTTP.CONNECT-TIMEOUT=5s" };
		this.contextRunner.withUserConfiguration(NamespaceUserConfiguration.class)
			.withPropertyValues(properties)
			.run((context) -> assertThat(analyze(context, missingNamespace(properties)).getDescription())
				.doesNotContain("These keys are set"));
	}

	@Test
	void twoBindingsAndAnUnqualifiedNamespaceSaysHowToPickOne() {
		String[] properties = { "cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache" };
		this.contextRunner.withUserConfiguration(NamespaceUserConfiguration.class)
			.withPropertyValues(properties)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, missingNamespace(properties));
				assertThat(analysis.getDescription()).endsWith("required a single KVNamespace, but 2 are configured: "
						+ "FLAGS, CACHE (one per KV binding, named after it).");
				assertThat(analysis.getAction()).isEqualTo("Say which binding with @Qualifier(\"FLAGS\") or a parameter "
						+ "named FLAGS, or inject KVNamespaces and get(\"FLAGS\").");
			});
	}

	@Test
	void qualifierThatNamesNoBindingListsTheConfiguredOnes() {
		String[] properties = { "cloudflare.kv.namespaces.FLAGS.id=flags", "cloudflare.kv.namespaces.CACHE.id=cache" };
		this.contextRunner.withUserConfiguration(QualifiedNamespaceUserConfiguration.class)
			.withPropertyValues(properties)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, missingNamespace(properties));
				assertThat(analysis.getDescription()).endsWith("required the KV binding 'SESSIONS', which is not "
						+ "configured. The configured bindings are FLAGS, CACHE; each is a KVNamespace bean named after "
						+ "its binding.");
				assertThat(analysis.getAction()).endsWith("or bind 'SESSIONS' with `cloudflare.kv.namespaces.SESSIONS.id`.");
			});
	}

	@Test
	void otherMissingBeansAreLeftToSpringBootsAnalysis() {
		this.contextRunner.withUserConfiguration(StringUserConfiguration.class)
			.run((context) -> assertThat(missingNamespace().analyze(context.getStartupFailure())).isNull());
	}

	@Test
	void unreachableApiAtStartUpNamesTheBaseUrlProperty() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.retry.max-attempts=2",
					"cloudflare.kv.retry.initial-backoff=1ms")
			.withUserConfiguration(StartUpReaderConfiguration.class)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, new CloudflareUnreachableFailureAnalyzer());
				assertThat(analysis.getDescription()).startsWith("Workers KV's REST API could not be reached: GET "
						+ "/accounts/acct/storage/kv/namespaces/" + FLAGS_ID + "/values/greeting failed: could not "
						+ "connect to 127.0.0.1:9")
					.contains("Check the base URL http://127.0.0.1:9/client/v4");
				assertThat(analysis.getAction()).startsWith("Check `cloudflare.kv.base-url` (or the KVConnectionDetails "
						+ "bean that sets it)");
			});
	}

	@Test
	void nonPositiveTimeoutNamesTheProperty() {
		this.contextRunner.withPropertyValues("cloudflare.kv.http.request-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("cloudflare.kv.http.request-timeout");
					assertThat(ex.getReason()).isEqualTo("The timeout must be positive.");
				}));
		this.contextRunner.withPropertyValues("cloudflare.kv.http.connect-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("cloudflare.kv.http.connect-timeout")));
		this.contextRunner.withPropertyValues("cloudflare.kv.http.idle-connection-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("cloudflare.kv.http.idle-connection-timeout")));
	}

	@Test
	void jettyWithoutJettyOnTheClassPathNamesThePropertyAndTheDependency() {
		assertThat(HttpClientType.JETTY.available()).as("this module's tests run without jetty-client").isFalse();
		this.contextRunner.withPropertyValues("cloudflare.kv.http.client=jetty")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (ex) -> {
					assertThat(ex.getName()).isEqualTo("cloudflare.kv.http.client");
					assertThat(ex.getValue()).isEqualTo("jetty");
					assertThat(ex.getReason()).contains("org.eclipse.jetty:jetty-client").contains("'jdk'");
				}));
	}

	@Test
	void baseUrlThatIsNotHttpNamesTheProperty() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.base-url=ftp://127.0.0.1/client/v4")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("cloudflare.kv.base-url")));
	}

	@Test
	void baseUrlWithUserInfoIsRejectedWithoutShowingIt() {
		this.remote
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.base-url=http://user:" + TOKEN + "@127.0.0.1/client/v4")
			.run((context) -> {
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class);
				assertThat(stackTrace(context)).doesNotContain(TOKEN);
			});
	}

	@Test
	void unknownModeIsABindingFailure() {
		this.contextRunner.withPropertyValues("cloudflare.kv.mode=cloud")
			.run((context) -> assertThat(findBindException(context.getStartupFailure()))
				.isNotNull()
				.satisfies((ex) -> assertThat(ex.getName()).hasToString("cloudflare.kv.mode")));
	}

	/**
	 * The analyzer with an environment holding the same properties as the failed context, whose own
	 * environment is out of reach once it failed (Spring Boot hands the analyzer the application's).
	 */
	private static MissingKVNamespaceFailureAnalyzer missingNamespace(String... properties) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		return new MissingKVNamespaceFailureAnalyzer(environment);
	}

	private static FailureAnalysis analyze(AssertableApplicationContext context, FailureAnalyzer analyzer) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
		assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
		assertNoSecret(context, analysis);
		return analysis;
	}

	private static void assertNoSecret(AssertableApplicationContext context, FailureAnalysis analysis) {
		assertThat(analysis.getDescription()).doesNotContain(TOKEN);
		assertThat(analysis.getAction()).doesNotContain(TOKEN);
		assertThat(stackTrace(context)).doesNotContain(TOKEN);
	}

	private static String stackTrace(AssertableApplicationContext context) {
		StringWriter out = new StringWriter();
		context.getStartupFailure().printStackTrace(new PrintWriter(out));
		return out.toString();
	}

	private static @Nullable BindException findBindException(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof BindException bind) {
				return bind;
			}
		}
		return null;
	}

	/** Stands in for a cache or feature-flag configuration that names its binding in a property. */
	@Configuration(proxyBeanMethods = false)
	static class BindingReferenceConfiguration {

		@Bean
		Object bindingConsumer(KVNamespaces namespaces, Environment environment) {
			String binding = environment.getRequiredProperty("kv.cache.binding");
			try {
				return namespaces.get(binding);
			}
			catch (UnknownBindingException ex) {
				throw ex.withReferencingProperty("kv.cache.binding");
			}
		}

	}

	/** Reads a key while the context starts, as an application's start-up code may. */
	@Configuration(proxyBeanMethods = false)
	static class StartUpReaderConfiguration {

		@Bean
		Object startUpReader(KVNamespace namespace) {
			return String.valueOf(namespace.get("greeting"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NamespaceUserConfiguration {

		@Bean
		Object namespaceUser(KVNamespace namespace) {
			return namespace;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedNamespaceUserConfiguration {

		@Bean
		Object namespaceUser(@Qualifier("SESSIONS") KVNamespace namespace) {
			return namespace;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StringUserConfiguration {

		@Bean
		Object stringUser(StringBuilder missing) {
			return missing;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConsumerConfiguration {

		@Bean
		Object bindingConsumer(KVNamespaces namespaces) {
			return namespaces.get("SESSIONS");
		}

	}

}
