package io.github.workerskv.kv.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bindings from {@code cloudflare.kv.wrangler-config}: each entry of the file's {@code kv_namespaces} becomes a
 * bean, and a property set under {@code cloudflare.kv.namespaces} wins over the file, id by id.
 */
class KVAutoConfigurationWranglerConfigTests {

	private static final String FLAGS_ID = "0f2ac74b498b48028cb68387c421e279";

	private static final String FLAGS_PREVIEW_ID = "9a1d4ab3b3c54b8a9d1bca19e6b43f5e";

	private static final String CACHE_ID = "6b8b4e1ce59c4b21b8a5bde0cd6e2bd1";

	private static final String OVERRIDE_ID = "c0ffee00c0ffee00c0ffee00c0ffee00";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KVAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void everyEntryOfTheFilesKvNamespacesBecomesABeanNamedAfterItsBinding() throws IOException {
		Path file = jsonc();
		this.contextRunner.withPropertyValues("cloudflare.kv.wrangler-config=" + file).run((context) -> {
			LocalKVStore store = context.getBean(LocalKVStore.class);
			assertThat(context.getBean(KVNamespaces.class).names()).containsExactly("FLAGS", "CACHE");
			assertThat(context.getBean("FLAGS")).isSameAs(store.namespace(FLAGS_ID));
			assertThat(context.getBean("CACHE")).isSameAs(store.namespace(CACHE_ID));
		});
	}

	@Test
	void tomlFileIsReadLikeJsonc() throws IOException {
		Path file = Files.writeString(this.dir.resolve("wrangler.toml"), """
				name = "worker"

				[[kv_namespaces]]
				binding = "FLAGS"
				id = "%s"
				""".formatted(FLAGS_ID));
		this.contextRunner.withPropertyValues("cloudflare.kv.wrangler-config=" + file)
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(LocalKVStore.class).namespace(FLAGS_ID)));
	}

	@Test
	void propertyIdWinsOverTheFilesIdButTheFilesPreviewIdStays() throws IOException {
		Path file = jsonc();
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file,
					"cloudflare.kv.namespaces.FLAGS.id=" + OVERRIDE_ID)
			.run((context) -> {
				LocalKVStore store = context.getBean(LocalKVStore.class);
				assertThat(context.getBean("FLAGS")).isSameAs(store.namespace(OVERRIDE_ID));
				assertThat(context.getBean("CACHE")).isSameAs(store.namespace(CACHE_ID));
			});
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file,
					"cloudflare.kv.namespaces.FLAGS.id=" + OVERRIDE_ID, "cloudflare.kv.use-preview-ids=true")
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(LocalKVStore.class).namespace(FLAGS_PREVIEW_ID)));
	}

	@Test
	void emptyPropertyDoesNotHideTheFilesId() throws IOException {
		Path file = jsonc();
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.namespaces.FLAGS.id=")
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(LocalKVStore.class).namespace(FLAGS_ID)));
	}

	@Test
	void bindingOnlyInPropertiesIsAddedAfterTheFilesBindings() throws IOException {
		Path file = jsonc();
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.namespaces.SESSIONS.id=sessions")
			.run((context) -> {
				assertThat(context.getBean(KVNamespaces.class).names()).containsExactly("FLAGS", "CACHE", "SESSIONS");
				assertThat(context.getBean("SESSIONS")).isSameAs(context.getBean(LocalKVStore.class).namespace("sessions"));
			});
	}

	@Test
	void singleBindingFromTheFileIsPrimary() throws IOException {
		Path file = Files.writeString(this.dir.resolve("wrangler.json"),
				"{\"kv_namespaces\":[{\"binding\":\"ONLY\",\"id\":\"" + FLAGS_ID + "\"}]}");
		this.contextRunner.withPropertyValues("cloudflare.kv.wrangler-config=" + file)
			.run((context) -> assertThat(context.getBeanFactory().getBeanDefinition("ONLY").isPrimary()).isTrue());
	}

	@Test
	void fileIdsDriveRemoteModeToo() throws IOException {
		Path file = jsonc();
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.mode=remote",
					"cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=t",
					"cloudflare.kv.base-url=http://127.0.0.1:9/client/v4")
			.run((context) -> {
				CloudflareKVClient client = context.getBean(CloudflareKVClient.class);
				assertThat(context.getBean("FLAGS")).isSameAs(client.namespace(FLAGS_ID));
				assertThat(context.getBean("CACHE")).isSameAs(client.namespace(CACHE_ID));
			});
	}

	@Test
	void wranglerEnvironmentBindsThatEnvironmentsNamespacesOnly() throws IOException {
		Path file = withEnvironments();
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.wrangler-environment=staging")
			.run((context) -> {
				assertThat(context.getBean(KVNamespaces.class).names()).containsExactly("FLAGS");
				assertThat(context.getBean("FLAGS")).isSameAs(context.getBean(LocalKVStore.class).namespace(OVERRIDE_ID));
				assertThat(context).doesNotHaveBean("CACHE");
			});
	}

	@Test
	void propertiesStillWinOverTheEnvironmentsIds() throws IOException {
		Path file = withEnvironments();
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.wrangler-environment=staging",
					"cloudflare.kv.namespaces.FLAGS.id=" + CACHE_ID)
			.run((context) -> assertThat(context.getBean("FLAGS"))
				.isSameAs(context.getBean(LocalKVStore.class).namespace(CACHE_ID)));
	}

	@Test
	void malformedIdOfAnEnvironmentNamesTheEnvironmentAsItsOrigin() throws IOException {
		Path file = Files.writeString(this.dir.resolve("wrangler.toml"), """
				[[env.staging.kv_namespaces]]
				binding = "FLAGS"
				id = "flags-title"
				""");
		this.contextRunner
			.withPropertyValues("cloudflare.kv.wrangler-config=" + file, "cloudflare.kv.wrangler-environment=staging",
					"cloudflare.kv.mode=remote", "cloudflare.kv.account-id=acct", "cloudflare.kv.api-token=t",
					"cloudflare.kv.base-url=http://127.0.0.1:9/client/v4")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("(id of 'FLAGS' in env.staging.kv_namespaces of " + file + ")"));
	}

	private Path withEnvironments() throws IOException {
		return Files.writeString(this.dir.resolve("wrangler.jsonc"), """
				{
				  "kv_namespaces": [ { "binding": "FLAGS", "id": "%s" }, { "binding": "CACHE", "id": "%s" } ],
				  "env": { "staging": { "kv_namespaces": [ { "binding": "FLAGS", "id": "%s" } ] } }
				}
				""".formatted(FLAGS_ID, CACHE_ID, OVERRIDE_ID));
	}

	private Path jsonc() throws IOException {
		return Files.writeString(this.dir.resolve("wrangler.jsonc"), """
				{
				  // the Worker beside this application
				  "name": "worker",
				  "kv_namespaces": [
				    { "binding": "FLAGS", "id": "%s", "preview_id": "%s" },
				    { "binding": "CACHE", "id": "%s" },
				  ],
				}
				""".formatted(FLAGS_ID, FLAGS_PREVIEW_ID, CACHE_ID));
	}

}
