package io.github.workerskv.kv.autoconfigure.configdata;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Cloud Context on the class path (this class runs in the {@code spring-cloud} test execution only),
 * a change is applied by Spring Cloud's own refresh: configuration is loaded again from the same store (the
 * bootstrap context is reused), {@code @ConfigurationProperties} beans are rebound and {@code @RefreshScope} beans
 * see new {@code @Value}s.
 */
class KVConfigRefreshSpringCloudTests {

	@Test
	void aChangeGoesThroughSpringCloudsRefreshAndReachesRefreshScopedValues() {
		try (ConfigurableApplicationContext context = ConfigApp.run(
				new Class<?>[] { ConfigApp.class, ManualSchedulerConfiguration.class, SpringCloudConfiguration.class },
				"--spring.config.import=cloudflare-kv:CONFIG/config/myapp/",
				"--cloudflare.kv.config.refresh-interval=30s")) {
			assertThat(context.getBeansOfType(ContextRefresher.class)).hasSize(1);
			assertThat(context.getBean(KVConfigApplier.class)).isInstanceOf(SpringCloudRefresh.class);
			assertThat(context.getBean(RefreshScoped.class).greeting()).isEqualTo("hello from KV");

			KVNamespace kv = context.getBean("CONFIG", KVNamespace.class);
			kv.put("config/myapp/app/greeting", "refreshed by spring cloud");
			context.getBean(ManualTaskScheduler.class).tick();

			assertThat(context.getEnvironment().getProperty("app.greeting")).isEqualTo("refreshed by spring cloud");
			assertThat(context.getBean(ConfigApp.AppProperties.class).getGreeting())
				.isEqualTo("refreshed by spring cloud");
			assertThat(context.getBean(RefreshScoped.class).greeting()).isEqualTo("refreshed by spring cloud");
			assertThat(context.getBean(ConfigApp.Greeter.class).greeting()).isEqualTo("hello from KV");
			assertThat(context.getBean(ConfigApp.ChangeEvents.class).all()).singleElement()
				.satisfies((event) -> assertThat(event.getProperties()).contains("app.greeting"));
			assertThat(context.getBeansOfType(LocalKVStore.class)).hasSize(1);

			kv.put("config/myapp/app/greeting", "refreshed twice");
			context.getBean(ManualTaskScheduler.class).tick();
			assertThat(context.getBean(RefreshScoped.class).greeting()).isEqualTo("refreshed twice");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RefreshAutoConfiguration.class, ConfigurationPropertiesRebinderAutoConfiguration.class })
	static class SpringCloudConfiguration {

		@Bean
		@RefreshScope
		RefreshScoped refreshScoped(@Value("${app.greeting}") String greeting) {
			return new RefreshScoped(greeting);
		}

	}

	static class RefreshScoped {

		private final String greeting;

		RefreshScoped(String greeting) {
			this.greeting = greeting;
		}

		String greeting() {
			return this.greeting;
		}

	}

}
