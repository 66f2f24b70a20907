package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.autoconfigure.KVBootstrapNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote mode over real HTTP to the KV emulator: imports through the REST client (list, bulk get, get), one
 * client shared with the application context and its listeners, and the refresh surviving an outage.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVConfigDataEmulatorTests {

	private static final String TOKEN = "emulator-token-8e21";

	private static final String ACCOUNT = "acct";

	private static KVEmulator emulator;

	private static String namespaceId;

	private KVNamespace backing;

	@BeforeAll
	static void startEmulator() {
		emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));
		try (CloudflareKVClient admin = CloudflareKVClient
			.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN)).withBaseUrl(emulator.baseUrl()))) {
			namespaceId = admin.createNamespace("config").id();
		}
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@BeforeEach
	void arrange() {
		emulator.faults().serverErrorRate(0);
		this.backing = emulator.store().namespace(namespaceId);
		this.backing.list().keys().forEach((key) -> this.backing.delete(key.name()));
		for (int i = 0; i < 250; i++) {
			this.backing.put("config/remote/app/items/k" + String.format("%03d", i), "v" + i);
		}
		this.backing.put("config/remote/app/greeting", "hello over REST");
		this.backing.put("config/remote,prod/app/greeting", "hello over REST prod");
		this.backing.put("config/remote.yaml", "app:\n  limit: 12\n");
	}

	private String[] remote(String... more) {
		List<String> args = new ArrayList<>(List.of("--cloudflare.kv.mode=remote",
				"--cloudflare.kv.base-url=" + emulator.baseUrl(), "--cloudflare.kv.account-id=" + ACCOUNT,
				"--cloudflare.kv.api-token=" + TOKEN, "--cloudflare.kv.namespaces.CONFIG.id=" + namespaceId,
				"--cloudflare.kv.config.seed.CONFIG=", "--cloudflare.kv.retry.enabled=false"));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	@Test
	void aPrefixOfMoreThanOneBulkGetAndADocumentImportOverRest() {
		try (ConfigurableApplicationContext context = ConfigApp.run(remote("--spring.profiles.active=prod",
				"--spring.config.import=cloudflare-kv:CONFIG/config/remote/,cloudflare-kv:CONFIG/config/remote.yaml"))) {
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello over REST prod");
			assertThat(context.getEnvironment().getProperty("app.items.k000")).isEqualTo("v0");
			assertThat(context.getEnvironment().getProperty("app.items.k249")).isEqualTo("v249");
			assertThat(context.getBean(ConfigApp.AppProperties.class).getLimit()).isEqualTo(12);
		}
	}

	@Test
	void theAccountAndTokenMayComeFromWranglersVariablesAsElsewhere() {
		try (ConfigurableApplicationContext context = ConfigApp.run("--cloudflare.kv.mode=remote",
				"--cloudflare.kv.base-url=" + emulator.baseUrl(), "--CLOUDFLARE_ACCOUNT_ID=" + ACCOUNT,
				"--CLOUDFLARE_API_TOKEN=" + TOKEN, "--cloudflare.kv.namespaces.CONFIG.id=" + namespaceId,
				"--cloudflare.kv.config.seed.CONFIG=", "--spring.config.import=cloudflare-kv:CONFIG/config/remote.yaml")) {
			assertThat(context.getBean(ConfigApp.AppProperties.class).getLimit()).isEqualTo(12);
			assertThat(context.getBeansOfType(CloudflareKVClient.class)).hasSize(1);
		}
	}

	@Test
	void theContextTakesOverTheClientAndItsListenersHearTheImportsCalls() {
		try (ConfigurableApplicationContext context = ConfigApp.run(
				new Class<?>[] { ConfigApp.class, RecordingListenerConfiguration.class },
				remote("--spring.config.import=cloudflare-kv:CONFIG/config/remote.yaml"))) {
			assertThat(context.getBeansOfType(CloudflareKVClient.class)).hasSize(1);
			RecordingListener listener = context.getBean(RecordingListener.class);
			KVNamespace imported = context.getBean(KVBootstrapNamespaces.class).namespaces().get("CONFIG");
			imported.get("config/remote.yaml");
			assertThat(listener.events).extracting(KVOperationEvent::binding).contains("CONFIG");
		}
	}

	@Test
	void anOutageAfterStartUpKeepsTheLastValuesCountsItAndRecovers(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ConfigApp
			.run(new Class<?>[] { ConfigApp.class, ManualSchedulerConfiguration.class },
					remote("--spring.config.import=cloudflare-kv:CONFIG/config/remote.yaml",
							"--cloudflare.kv.config.refresh-interval=10s"))) {
			ManualTaskScheduler scheduler = context.getBean(ManualTaskScheduler.class);
			this.backing.put("config/remote.yaml", "app:\n  limit: 13\n");
			emulator.faults().serverErrorRate(1.0);
			scheduler.tick();
			assertThat(context.getBean(ConfigApp.AppProperties.class).getLimit()).isEqualTo(12);
			assertThat(context.getEnvironment().getProperty("app.limit")).isEqualTo("12");
			assertThat(output).contains("Could not read KV key 'config/remote.yaml' of binding 'CONFIG' from KV to "
					+ "refresh 'cloudflare-kv:CONFIG/config/remote.yaml'; keeping its last values");
			double failedBefore = KVConfigRefreshTests.counts(context).get(2);
			assertThat(failedBefore).isPositive();

			emulator.faults().serverErrorRate(0);
			scheduler.tick();
			assertThat(context.getBean(ConfigApp.AppProperties.class).getLimit()).isEqualTo(13);
			assertThat(output).contains("Reading KV key 'config/remote.yaml' of binding 'CONFIG' from KV again");
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingListenerConfiguration {

		@Bean
		RecordingListener recordingListener() {
			return new RecordingListener();
		}

	}

	static class RecordingListener implements KVListener {

		final List<KVOperationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onOperation(KVOperationEvent event) {
			this.events.add(event);
		}

	}

}
