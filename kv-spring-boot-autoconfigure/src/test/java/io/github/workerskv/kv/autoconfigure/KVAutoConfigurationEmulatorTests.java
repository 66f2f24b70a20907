package io.github.workerskv.kv.autoconfigure;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareAuthenticationException;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Remote mode over real HTTP, against the KV emulator on loopback: the beans read and write the namespaces
 * the properties (or a {@link KVConnectionDetails} bean) point at.
 */
class KVAutoConfigurationEmulatorTests {

	private static final String TOKEN = "emulator-token";

	private static final String ACCOUNT = "acct";

	private static KVEmulator emulator;

	private static String flagsId;

	private static String flagsPreviewId;

	private static String cacheId;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class))
		.withPropertyValues("CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=", "CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=");

	@BeforeAll
	static void startEmulator() {
		emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));
		try (CloudflareKVClient admin = CloudflareKVClient
			.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN)).withBaseUrl(emulator.baseUrl()))) {
			flagsId = admin.createNamespace("flags").id();
			flagsPreviewId = admin.createNamespace("flags-preview").id();
			cacheId = admin.createNamespace("cache").id();
		}
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void bindingBeansWriteToAndReadFromTheirRemoteNamespaces() {
		remote().withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + flagsId,
				"cloudflare.kv.namespaces.CACHE.id=" + cacheId)
			.run((context) -> {
				KVNamespace flags = context.getBean("FLAGS", KVNamespace.class);
				flags.put("dark-mode", "on");
				context.getBean(KVNamespaces.class).get("CACHE").put("page:/", "<html>");
				assertThat(emulator.store().namespace(flagsId).get("dark-mode")).isEqualTo("on");
				assertThat(emulator.store().namespace(cacheId).get("page:/")).isEqualTo("<html>");
				emulator.store().namespace(flagsId).put("beta", "off");
				assertThat(flags.get("beta")).isEqualTo("off");
			});
	}

	@Test
	void usePreviewIdsWritesToThePreviewNamespace() {
		remote().withPropertyValues("cloudflare.kv.use-preview-ids=true", "cloudflare.kv.namespaces.FLAGS.id=" + flagsId,
				"cloudflare.kv.namespaces.FLAGS.preview-id=" + flagsPreviewId)
			.run((context) -> {
				context.getBean(KVNamespace.class).put("where", "preview");
				assertThat(emulator.store().namespace(flagsPreviewId).get("where")).isEqualTo("preview");
				assertThat(emulator.store().namespace(flagsId).get("where")).isNull();
			});
	}

	@Test
	void globalKeyAndEmailAuthenticateInsteadOfAToken() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.mode=remote", "cloudflare.kv.base-url=" + emulator.baseUrl(),
					"cloudflare.kv.account-id=" + ACCOUNT, "cloudflare.kv.api-key=" + TOKEN,
					"cloudflare.kv.email=dev@example.com", "cloudflare.kv.namespaces.CACHE.id=" + cacheId)
			.run((context) -> {
				context.getBean(KVNamespace.class).put("keyed", "v");
				assertThat(emulator.store().namespace(cacheId).get("keyed")).isEqualTo("v");
			});
	}

	@Test
	void wrongTokenStartsButFailsOnFirstUseWithAnAuthenticationErrorThatDoesNotShowIt() {
		this.contextRunner
			.withPropertyValues("cloudflare.kv.mode=remote", "cloudflare.kv.base-url=" + emulator.baseUrl(),
					"cloudflare.kv.account-id=" + ACCOUNT, "cloudflare.kv.api-token=wrong-token-9d8e",
					"cloudflare.kv.namespaces.FLAGS.id=" + flagsId)
			.run((context) -> assertThatExceptionOfType(CloudflareAuthenticationException.class)
				.isThrownBy(() -> context.getBean(KVNamespace.class).get("k"))
				.withMessageNotContaining("wrong-token-9d8e"));
	}

	@Test
	void connectionDetailsBeanPointsTheBindingsAtTheEmulatorWithoutAnyCredentialProperty() {
		this.contextRunner.withUserConfiguration(EmulatorConnectionDetailsConfiguration.class)
			.withPropertyValues("cloudflare.kv.namespaces.FLAGS.id=" + flagsId)
			.run((context) -> {
				context.getBean(KVNamespace.class).put("from-details", "yes");
				assertThat(emulator.store().namespace(flagsId).get("from-details")).isEqualTo("yes");
			});
	}

	private ApplicationContextRunner remote() {
		return this.contextRunner.withPropertyValues("cloudflare.kv.mode=remote",
				"cloudflare.kv.base-url=" + emulator.baseUrl(), "cloudflare.kv.account-id=" + ACCOUNT,
				"cloudflare.kv.api-token=" + TOKEN);
	}

	@Configuration(proxyBeanMethods = false)
	static class EmulatorConnectionDetailsConfiguration {

		@Bean
		KVConnectionDetails emulatorConnectionDetails() {
			return new KVConnectionDetails() {

				@Override
				public String getBaseUrl() {
					return emulator.baseUrl().toString();
				}

				@Override
				public String getAccountId() {
					return ACCOUNT;
				}

				@Override
				public Credentials getCredentials() {
					return Credentials.apiToken(TOKEN);
				}

			};
		}

	}

}
