package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The application of the configuration-import tests: binds {@code app.*} into a JavaBean and a record, injects
 * {@code app.greeting} with {@code @Value}, and records every {@link KVConfigChangedEvent}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ConfigApp.AppProperties.class, ConfigApp.FrozenAppProperties.class })
@ImportAutoConfiguration({ KVAutoConfiguration.class, KVConfigDataAutoConfiguration.class })
class ConfigApp {

	/** Properties every start-up gets as defaults (the lowest precedence): one binding, seeded, no credentials. */
	static final String[] DEFAULTS = { "spring.main.banner-mode=off", "CLOUDFLARE_ACCOUNT_ID=", "CLOUDFLARE_API_TOKEN=",
			"CLOUDFLARE_API_KEY=", "CLOUDFLARE_EMAIL=", "cloudflare.kv.namespaces.CONFIG.id=config-namespace",
			"cloudflare.kv.config.seed.CONFIG=classpath:kvconfig/seed.json" };

	static ConfigurableApplicationContext run(String... args) {
		return run(new Class<?>[] { ConfigApp.class }, args);
	}

	static ConfigurableApplicationContext run(Class<?>[] sources, String... args) {
		return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE)
			.properties(DEFAULTS)
			.run(args);
	}

	@Bean
	Greeter greeter(@Value("${app.greeting:none}") String greeting) {
		return new Greeter(greeting);
	}

	/** The application with the refresh's scheduler replaced by one the test ticks by hand. */
	static ConfigurableApplicationContext runWithManualScheduler(String... args) {
		return run(new Class<?>[] { ConfigApp.class, ManualSchedulerConfiguration.class }, args);
	}

	@Bean
	ChangeEvents changeEvents() {
		return new ChangeEvents();
	}

	/** Holds what {@code @Value} injected. */
	record Greeter(String greeting) {
	}

	/** Every change event, in order. */
	static class ChangeEvents {

		final List<KVConfigChangedEvent> events = new ArrayList<>();

		@EventListener
		synchronized void on(KVConfigChangedEvent event) {
			this.events.add(event);
		}

		synchronized List<KVConfigChangedEvent> all() {
			return List.copyOf(this.events);
		}

	}

	/** Bound through setters: rebound when its properties change. */
	@ConfigurationProperties("app")
	static class AppProperties {

		private String greeting = "unset";

		private int limit;

		private List<String> servers = new ArrayList<>();

		public String getGreeting() {
			return this.greeting;
		}

		public void setGreeting(String greeting) {
			this.greeting = greeting;
		}

		public int getLimit() {
			return this.limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

		public List<String> getServers() {
			return this.servers;
		}

		public void setServers(List<String> servers) {
			this.servers = servers;
		}

	}

	/** Bound through its constructor: keeps the values it was created with. */
	@ConfigurationProperties("app")
	record FrozenAppProperties(String greeting) {
	}

}
