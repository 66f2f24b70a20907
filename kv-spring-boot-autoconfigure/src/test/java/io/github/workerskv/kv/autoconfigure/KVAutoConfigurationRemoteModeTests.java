package io.github.workerskv.kv.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.HttpClientType;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link KVAutoConfiguration} in remote mode, without the network (no request is made at start-up): the client
 * built from {@link KVConnectionDetails}, where the details come from, and back-off.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVAutoConfigurationRemoteModeTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private static final String FLAGS_PREVIEW_ID = "9a1d4ab3b3c54b8a9d1bca19e6b43f5e";

	private static final String CACHE_ID = "6b8b4e1ce59c4b21b8a5bde0cd6e2bd1";

	private static final String TOKEN = "test-token-3f9c2e7a";

	private static final String EMULATED_FLAGS_ID = "11111111111111111111111111111111";

	private static final String EMULATED_CACHE_ID = "22222222222222222222222222222222";

	/** Remote mode on loopback, with wrangler's variables blanked so the machine's environment cannot leak in. */
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=",
				"cloudflare.kv.mode=remote", "cloudflare.kv.base-url=http://127.0.0.1:9/client/v4");

	@Test
	void remoteModeBuildsOneClientFromThePropertiesAndABeanPerBindingFromIt() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.namespaces.CACHE.id=" + CACHE_ID)
			.run((context) -> {
				assertThat(context).hasSingleBean(CloudflareKVClient.class)
					.hasSingleBean(PropertiesKVConnectionDetails.class)
					.doesNotHaveBean(LocalKVStore.class);
				CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
				CloudflareKVConfig config = client.config();
				assertThat(config.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/client/v4"));
				assertThat(config.accountId()).isEqualTo("acct");
				assertThat(config.credentials()).isEqualTo(Credentials.apiToken(TOKEN));
				assertThat(context.getBean("FLAGS")).isSameAs(client.namespace(FLAGS_ID))
					.isInstanceOf(CloudflareKVNamespace.class);
				assertThat(context.getBean("CACHE")).isSameAs(client.namespace(CACHE_ID));
				assertThat(context.getBean(KVNamespaces.class).get("FLAGS")).isSameAs(context.getBean("FLAGS"));
			});
	}

	@Test
	void defaultBaseUrlIsCloudflaresAndDefaultTimeoutsAreTheClients() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
			.withPropertyValues("cloudflare.kv.mode=remote", "cloudflare.kv.account-id=acct",
					"cloudflare.kv.api-token=" + TOKEN)
			.run((context) -> {
				CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
				CloudflareKVConfig defaults = CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN));
				assertThat(config.baseUrl()).isEqualTo(URI.create("https://api.cloudflare.com/client/v4"));
				assertThat(config.connectTimeout()).isEqualTo(defaults.connectTimeout());
				assertThat(config.requestTimeout()).isEqualTo(defaults.requestTimeout());
			});
	}

	@Test
	void theHttpClientIsAutoByDefaultAndChosenByProperty() {
		this.contextRunner.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN)
			.run((context) -> {
				CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
				assertThat(client.config().httpClient()).isEqualTo(HttpClientType.AUTO);
				assertThat(client.httpClient()).as("jetty-client is not on this module's class path")
					.isEqualTo(HttpClientType.JDK);
			});
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.http.client=jdk")
			.run((context) -> assertThat(context.getBean(CloudflareKVClient.class).config().httpClient())
				.isEqualTo(HttpClientType.JDK));
	}

	@Test
	void httpTimeoutsReachTheClient() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.http.connect-timeout=750ms", "cloudflare.kv.http.request-timeout=3s",
					"cloudflare.kv.http.idle-connection-timeout=4s")
			.run((context) -> {
				CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
				assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(750));
				assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.idleConnectionTimeout()).isEqualTo(Duration.ofSeconds(4));
			});
	}

	@Test
	void globalApiKeyWithEmailAuthenticatesInsteadOfAToken() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-key=global-key",
					"cloudflare.kv.email=dev@example.com")
			.run((context) -> assertThat(context.getBean(CloudflareKVClient.class).config().credentials())
				.isEqualTo(Credentials.globalKey("dev@example.com", "global-key")));
	}

	@Test
	void wranglersEnvironmentVariablesStandInForMissingProperties() {
		this.contextRunner.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=env-acct", "CLOUDFLARE_API_TOKEN=env-token")
			.run((context) -> {
				CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
				assertThat(config.accountId()).isEqualTo("env-acct");
				assertThat(config.credentials()).isEqualTo(Credentials.apiToken("env-token"));
			});
	}

	@Test
	void globalKeyVariablesAreUsedWhenNoTokenIsSetAnywhere() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "CLOUDFLARE_API_KEY=env-key",
					"CLOUDFLARE_EMAIL=env@example.com")
			.run((context) -> assertThat(context.getBean(CloudflareKVClient.class).config().credentials())
				.isEqualTo(Credentials.globalKey("env@example.com", "env-key")));
	}

	@Test
	void explicitPropertiesWinOverWranglersEnvironmentVariables() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-key=prop-key",
					"cloudflare.kv.email=prop@example.com", "CLOUDFLARE_ACCOUNT_ID=env-acct",
					"CLOUDFLARE_API_TOKEN=env-token")
			.run((context) -> {
				CloudflareKVConfig config = context.getBean(CloudflareKVClient.class).config();
				assertThat(config.accountId()).isEqualTo("acct");
				assertThat(config.credentials()).isEqualTo(Credentials.globalKey("prop@example.com", "prop-key"));
			});
	}

	@Test
	void usePreviewIdsPicksEachBindingsPreviewId() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.use-preview-ids=true", "cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID,
					"cloudflare.kv.namespaces.FLAGS.preview-id=" + FLAGS_PREVIEW_ID)
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(CloudflareKVClient.class).namespace(FLAGS_PREVIEW_ID)));
	}

	@Test
	void clientIsClosedWithTheContext() {
		CloudflareKVClient[] client = new CloudflareKVClient[1];
		this.contextRunner.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN)
			.run((context) -> client[0] = context.getBean(CloudflareKVClient.class));
		assertThatIllegalStateException().isThrownBy(() -> client[0].listNamespaces());
	}

	@Test
	void connectionDetailsBeanSwitchesToRemoteModeAndDrivesTheClient() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
			.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LocalKVStore.class)
					.doesNotHaveBean(PropertiesKVConnectionDetails.class)
					.hasSingleBean(KVConnectionDetails.class);
				CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
				assertThat(client.config().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8787/client/v4"));
				assertThat(client.config().accountId()).isEqualTo("details-acct");
				assertThat(client.config().credentials()).isEqualTo(Credentials.apiToken("details-token"));
				assertThat(context.getBean(KVNamespace.class)).isSameAs(client.namespace(FLAGS_ID));
			});
	}

	@Test
	void connectionDetailsBeanWinsOverTheProperties() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.withPropertyValues("cloudflare.kv.account-id=prop-acct", "cloudflare.kv.api-token=" + TOKEN)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PropertiesKVConnectionDetails.class);
				assertThat(context.getBean(CloudflareKVClient.class).config().accountId()).isEqualTo("details-acct");
			});
	}

	@Test
	void connectionDetailsBeanNeedsNoCredentialProperties() {
		this.contextRunner.withUserConfiguration(ConnectionDetailsConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(CloudflareKVClient.class));
	}

	@Test
	void namespacesTheConnectionDetailsGiveReplaceConfiguredAndMissingIds() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
			.withBean(KVConnectionDetails.class, () -> new NamespaceGivingDetails(Map.of("FLAGS", EMULATED_FLAGS_ID,
					"CACHE", EMULATED_CACHE_ID, "UNDECLARED", EMULATED_FLAGS_ID)))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID, "cloudflare.kv.namespaces.CACHE.id=",
					"cloudflare.kv.namespaces.OTHER.id=" + CACHE_ID)
			.run((context) -> {
				CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
				NamespaceGivingDetails details = context.getBean(NamespaceGivingDetails.class);
				assertThat(details.askedFor).containsOnly(java.util.Set.of("FLAGS", "CACHE", "OTHER"));
				assertThat(context.getBean("FLAGS")).isSameAs(client.namespace(EMULATED_FLAGS_ID));
				assertThat(context.getBean("CACHE")).isSameAs(client.namespace(EMULATED_CACHE_ID));
				assertThat(context.getBean("OTHER")).isSameAs(client.namespace(CACHE_ID));
				assertThat(context.getBean(KVNamespaces.class).names()).containsExactly("FLAGS", "CACHE", "OTHER");
			});
	}

	@Test
	void namespacesTheConnectionDetailsGiveAlsoStandForPreviewIds() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
			.withBean(KVConnectionDetails.class, () -> new NamespaceGivingDetails(Map.of("FLAGS", EMULATED_FLAGS_ID)))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID,
					"cloudflare.kv.namespaces.FLAGS.preview-id=" + FLAGS_PREVIEW_ID, "cloudflare.kv.use-preview-ids=true")
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(CloudflareKVClient.class).namespace(EMULATED_FLAGS_ID)));
	}

	@Test
	void aMalformedIdFromTheConnectionDetailsFailsNamingWhereItCameFrom() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
			.withBean(KVConnectionDetails.class, () -> new NamespaceGivingDetails(Map.of("FLAGS", "not-an-id")))
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidNamespaceIdException.class)
				.hasMessageContaining("not-an-id")
				.hasMessageContaining("KV connection details"));
	}

	@Test
	void userDefinedClientBacksTheNamespaces() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class)
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.run((context) -> {
				assertThat(context).hasSingleBean(CloudflareKVClient.class);
				CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
				assertThat(client).isSameAs(context.getBean("userClient"));
				assertThat(context.getBean("FLAGS")).isSameAs(client.namespace(FLAGS_ID));
			});
	}

	@Test
	void userDefinedRegistryReplacesTheRemoteOne() {
		this.contextRunner.withUserConfiguration(UserNamespacesConfiguration.class)
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN)
			.run((context) -> assertThat(context).hasSingleBean(KVNamespaces.class)
				.getBean(KVNamespaces.class)
				.isSameAs(context.getBean("userNamespaces")));
	}

	@Test
	void startUpLogsModeAndNamespaceIdPerBindingButNoCredential(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=" + TOKEN,
					"cloudflare.kv.namespaces.FLAGS.id=" + FLAGS_ID)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("KV binding 'FLAGS': remote namespace " + FLAGS_ID
						+ " (account acct at http://127.0.0.1:9/client/v4)");
				assertThat(output).doesNotContain(TOKEN);
			});
	}

	/** Connection details to a service that holds its own namespaces, as an emulator's container does. */
	static final class NamespaceGivingDetails implements KVConnectionDetails {

		private final Map<String, String> ids;

		private final java.util.List<java.util.Set<String>> askedFor = new java.util.concurrent.CopyOnWriteArrayList<>();

		NamespaceGivingDetails(Map<String, String> ids) {
			this.ids = ids;
		}

		@Override
		public String getBaseUrl() {
			return "http://127.0.0.1:8787/client/v4";
		}

		@Override
		public String getAccountId() {
			return "details-acct";
		}

		@Override
		public Credentials getCredentials() {
			return Credentials.apiToken("details-token");
		}

		@Override
		public Map<String, String> getNamespaceIds(java.util.Set<String> bindings) {
			this.askedFor.add(java.util.Set.copyOf(bindings));
			return this.ids;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		@Bean
		KVConnectionDetails testConnectionDetails() {
			return new KVConnectionDetails() {

				@Override
				public String getBaseUrl() {
					return "http://127.0.0.1:8787/client/v4";
				}

				@Override
				public String getAccountId() {
					return "details-acct";
				}

				@Override
				public Credentials getCredentials() {
					return Credentials.apiToken("details-token");
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		@Bean
		CloudflareKVClient userClient() {
			return CloudflareKVClient.create(CloudflareKVConfig.of("user-acct", Credentials.apiToken("user-token"))
				.withBaseUrl("http://127.0.0.1:9/client/v4"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserNamespacesConfiguration {

		@Bean
		KVNamespaces userNamespaces() {
			return KVNamespaces.of(Map.of());
		}

	}

}
