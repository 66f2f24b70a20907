package io.github.workerskv.kv.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.configdata.KVConfigDataAutoConfiguration;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring application imports its configuration from a namespace ({@code spring.config.import=cloudflare-kv:…},
 * remote mode, over the REST API of the emulator); the real wrangler CLI changes the keys, as an operator or a
 * deploy script would; the application's next refresh pass, one interval later, sees the new values.
 */
class WranglerConfigRefreshTest {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(Conformance.options());

	@TempDir
	Path home;

	@Test
	void whatWranglerWritesIsSeenByTheApplicationWithinOneRefreshInterval() throws Exception {
		String namespace = Conformance.createNamespaces(kv.emulator(), "config-", 1).get(0);
		Wrangler wrangler = new Wrangler(kv.emulator(), Conformance.TOKEN, Conformance.ACCOUNT, this.home);
		wrangler.ok(Wrangler.kv("key", namespace, "put", "config/myapp/app/greeting", "hello from wrangler"));
		Path yaml = Files.writeString(this.home.resolve("app.yaml"), "app:\n  limit: 3\n");
		wrangler.ok(Wrangler.kv("key", namespace, "put", "config/app.yaml", "--path", yaml.toString()));

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.run("--spring.main.banner-mode=off", "--cloudflare.kv.mode=remote",
					"--cloudflare.kv.base-url=" + kv.emulator().baseUrl(), "--cloudflare.kv.account-id=" + Conformance.ACCOUNT,
					"--cloudflare.kv.api-token=" + Conformance.TOKEN, "--cloudflare.kv.namespaces.CONFIG.id=" + namespace,
					"--spring.config.import=cloudflare-kv:CONFIG/config/myapp/,cloudflare-kv:CONFIG/config/app.yaml",
					"--cloudflare.kv.config.refresh-interval=5s")) {
			TickScheduler scheduler = context.getBean(TickScheduler.class);
			assertThat(scheduler.delay).isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from wrangler");
			assertThat(context.getEnvironment().getProperty("app.limit")).isEqualTo("3");

			wrangler.ok(Wrangler.kv("key", namespace, "put", "config/myapp/app/greeting", "changed by wrangler"));
			Files.writeString(yaml, "app:\n  limit: 4\n");
			wrangler.ok(Wrangler.kv("key", namespace, "put", "config/app.yaml", "--path", yaml.toString()));
			wrangler.ok(Wrangler.kv("key", namespace, "put", "config/myapp/app/added", "new"));
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("hello from wrangler");

			scheduler.tick();
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("changed by wrangler");
			assertThat(context.getEnvironment().getProperty("app.added")).isEqualTo("new");
			assertThat(context.getEnvironment().getProperty("app.limit")).isEqualTo("4");

			wrangler.ok(Wrangler.kv("key", namespace, "delete", "config/myapp/app/added"));
			scheduler.tick();
			assertThat(context.getEnvironment().getProperty("app.added")).isNull();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ KVAutoConfiguration.class, KVConfigDataAutoConfiguration.class })
	static class Application {

		@Bean(name = KVConfigDataAutoConfiguration.SCHEDULER_BEAN_NAME)
		TickScheduler kvConfigRefreshScheduler() {
			return new TickScheduler();
		}

	}

	/**
	 * The refresh's scheduler, except that the refresh runs when the test calls {@link #tick()}: the end of one
	 * interval, without waiting for it.
	 */
	static class TickScheduler extends ThreadPoolTaskScheduler {

		private Runnable task;

		Duration delay;

		@Override
		public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
			this.task = task;
			this.delay = delay;
			return schedule(() -> {
			}, Instant.now().plus(Duration.ofDays(1)));
		}

		void tick() {
			this.task.run();
		}

	}

}
