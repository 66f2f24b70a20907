package io.github.workerskv.kv.autoconfigure.configdata;

import java.time.Duration;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The refresh on the embedded store: a change written to KV is seen after one interval (one tick of the
 * scheduler) by {@code Environment} lookups and the JavaBean {@code @ConfigurationProperties} bean, announced by an
 * event, a log line and the meter; constructor-bound properties and {@code @Value} fields keep their values.
 */
@ExtendWith(OutputCaptureExtension.class)
class KVConfigRefreshTests {

	private static final String PREFIX = "--spring.config.import=cloudflare-kv:CONFIG/config/myapp/";

	@Test
	void theRefreshRunsEveryIntervalFirstOneIntervalAfterStartAndStopsWithTheContext() {
		ManualTaskScheduler scheduler;
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(PREFIX,
				"--cloudflare.kv.config.refresh-interval=45s")) {
			scheduler = context.getBean(ManualTaskScheduler.class);
			assertThat(scheduler.delay()).isEqualTo(Duration.ofSeconds(45));
			assertThat(scheduler.firstRun()).isEqualTo(ManualTaskScheduler.NOW.plusSeconds(45));
			assertThat(scheduler.cancelled()).isFalse();
		}
		assertThat(scheduler.cancelled()).isTrue();
	}

	@Test
	void aChangedKeyIsSeenAfterOneIntervalAndRebindsTheJavaBeanProperties(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(PREFIX,
				"--cloudflare.kv.config.refresh-interval=30s")) {
			KVNamespace kv = context.getBean("CONFIG", KVNamespace.class);
			ConfigApp.AppProperties app = context.getBean(ConfigApp.AppProperties.class);
			Environment environment = context.getEnvironment();
			assertThat(app.getLimit()).isEqualTo(7);

			kv.put("config/myapp/app/greeting", "rewritten-value-71");
			kv.put("config/myapp/app/limit", "8");
			kv.put("config/myapp/app/added", "new key");
			assertThat(environment.getProperty("app.greeting")).as("before the interval ends").isEqualTo("hello from KV");
			context.getBean(ManualTaskScheduler.class).tick();

			assertThat(environment.getProperty("app.greeting")).isEqualTo("rewritten-value-71");
			assertThat(environment.getProperty("app.added")).isEqualTo("new key");
			assertThat(app.getGreeting()).isEqualTo("rewritten-value-71");
			assertThat(app.getLimit()).as("app/limit and app.limit name one property; the later key in KV's order wins")
				.isEqualTo(8);
			assertThat(context.getBean(ConfigApp.FrozenAppProperties.class).greeting()).isEqualTo("hello from KV");
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("hello from KV");
			List<KVConfigChangedEvent> events = context.getBean(ConfigApp.ChangeEvents.class).all();
			assertThat(events).singleElement().satisfies((event) -> {
				assertThat(event.getLocations()).containsExactly("cloudflare-kv:CONFIG/config/myapp/");
				assertThat(event.getProperties()).containsExactlyInAnyOrder("app.greeting", "app.limit", "app.added");
			});
			assertThat(output).contains("Configuration changed in KV at cloudflare-kv:CONFIG/config/myapp/: ")
				.contains("app.greeting")
				.doesNotContain("rewritten-value-71");
			assertThat(counts(context)).as("the prefix changed, its default-profile variant did not")
				.containsExactly(1.0, 1.0, 0.0);
		}
	}

	@Test
	void aChangedNumberIsReboundConverted() {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(PREFIX,
				"--cloudflare.kv.config.refresh-interval=30s")) {
			KVNamespace kv = context.getBean("CONFIG", KVNamespace.class);
			kv.put("config/myapp/app.limit", "9");
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getBean(ConfigApp.AppProperties.class).getLimit()).isEqualTo(9);
		}
	}

	@Test
	void anUnchangedPassIsCountedAndAnnouncesNothing() {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(PREFIX,
				"--cloudflare.kv.config.refresh-interval=30s")) {
			context.getBean(ManualTaskScheduler.class).tick();
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getBean(ConfigApp.ChangeEvents.class).all()).isEmpty();
			assertThat(counts(context)).as("two passes over the prefix and its default-profile variant")
				.containsExactly(0.0, 4.0, 0.0);
		}
	}

	@Test
	void aDeletedKeyDisappearsFromTheEnvironment() {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(PREFIX,
				"--cloudflare.kv.config.refresh-interval=30s")) {
			context.getBean("CONFIG", KVNamespace.class).delete("config/myapp/db.password");
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getEnvironment().getProperty("db.password")).isNull();
			assertThat(context.getBean(ConfigApp.ChangeEvents.class).all()).singleElement()
				.satisfies((event) -> assertThat(event.getProperties()).containsExactly("db.password"));
		}
	}

	@Test
	void aChangedDocumentIsReloadedThroughItsLoader() {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(
				"--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml", "--cloudflare.kv.config.refresh-interval=30s")) {
			context.getBean("CONFIG", KVNamespace.class)
				.put("config/app.yaml", "app:\n  greeting: edited yaml\n  limit: 11\n");
			context.getBean(ManualTaskScheduler.class).tick();
			ConfigApp.AppProperties app = context.getBean(ConfigApp.AppProperties.class);
			assertThat(app.getGreeting()).isEqualTo("edited yaml");
			assertThat(app.getLimit()).isEqualTo(11);
		}
	}

	@Test
	void aDocumentThatNoLongerParsesKeepsItsLastValuesAndIsCountedAsFailed(CapturedOutput output) {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(
				"--spring.config.import=cloudflare-kv:CONFIG/config/app.yaml", "--cloudflare.kv.config.refresh-interval=30s")) {
			KVNamespace kv = context.getBean("CONFIG", KVNamespace.class);
			kv.put("config/app.yaml", "app: [unclosed\n");
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("from yaml");
			assertThat(counts(context)).containsExactly(0.0, 1.0, 1.0);
			assertThat(output).contains("Could not read KV key 'config/app.yaml' of binding 'CONFIG' from KV to refresh")
				.contains("keeping its last values");
			kv.put("config/app.yaml", "app:\n  greeting: fixed\n");
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("fixed");
			assertThat(output).contains("Reading KV key 'config/app.yaml' of binding 'CONFIG' from KV again");
		}
	}

	@Test
	void anOptionalImportThatWasMissingIsFilledWhenItsKeyAppears() {
		try (ConfigurableApplicationContext context = ConfigApp.runWithManualScheduler(
				"--spring.config.import=optional:cloudflare-kv:CONFIG/config/later.yaml",
				"--cloudflare.kv.config.refresh-interval=30s")) {
			assertThat(context.getBean(ConfigApp.AppProperties.class).getGreeting()).isEqualTo("unset");
			context.getBean("CONFIG", KVNamespace.class).put("config/later.yaml", "app.greeting: arrived");
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getBean(ConfigApp.AppProperties.class).getGreeting()).isEqualTo("arrived");
		}
	}

	@Test
	void theRealSchedulerRefreshesInTheBackground() {
		try (ConfigurableApplicationContext context = ConfigApp.run(PREFIX,
				"--cloudflare.kv.config.refresh-interval=100ms")) {
			context.getBean("CONFIG", KVNamespace.class).put("config/myapp/app/greeting", "seen in the background");
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> context.getBean(ConfigApp.AppProperties.class).getGreeting(),
						"seen in the background"::equals);
		}
	}

	@Test
	void aNonPositiveIntervalFailsNamingTheProperty(CapturedOutput output) {
		org.assertj.core.api.Assertions.assertThatException()
			.isThrownBy(() -> ConfigApp.run(PREFIX, "--cloudflare.kv.config.refresh-interval=0s").close());
		assertThat(output).contains("cloudflare.kv.config.refresh-interval").contains("must be positive");
	}

	/** changed, unchanged, failed, as the meter reports them. */
	static List<Double> counts(ConfigurableApplicationContext context) {
		MeterRegistry registry = new SimpleMeterRegistry();
		context.getBean("kvConfigRefreshMetrics", MeterBinder.class).bindTo(registry);
		return List.of("changed", "unchanged", "failed").stream()
			.map((outcome) -> registry.get("kv.config.refreshes").tag("outcome", outcome).functionCounter())
			.map(FunctionCounter::count)
			.toList();
	}

}
