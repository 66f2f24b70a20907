package io.github.workerskv.kv.autoconfigure.configdata;

import java.time.Duration;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of configuration
 * imported from KV, active when something was imported ({@code spring.config.import=cloudflare-kv:…}):
 * <ul>
 * <li>with {@code cloudflare.kv.config.refresh-interval}, the refresh ({@link KVConfigWatcher}) on a daemon
 * scheduler of its own, the bean {@value #SCHEDULER_BEAN_NAME} (define a {@link TaskScheduler} bean of that name
 * to replace it); it applies changes itself, or through Spring Cloud Context's refresh when that is on the class
 * path and its {@code ContextRefresher} is a bean; and, with Micrometer, the meter {@code kv.config.refreshes};</li>
 * <li>with the actuator, a {@link SanitizingFunction} masking imported secrets in the {@code env} endpoint.</li>
 * </ul>
 */
@AutoConfiguration(after = KVAutoConfiguration.class,
		afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@ConditionalOnBean(KVConfigImports.class)
@EnableConfigurationProperties(KVConfigDataProperties.class)
public final class KVConfigDataAutoConfiguration {

	/** The bean name of the refresh's scheduler. */
	public static final String SCHEDULER_BEAN_NAME = "kvConfigRefreshScheduler";

	private static final String REFRESH_INTERVAL = KVConfigDataProperties.PREFIX + ".refresh-interval";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(REFRESH_INTERVAL)
	static class RefreshConfiguration {

		@Bean(name = SCHEDULER_BEAN_NAME)
		@ConditionalOnMissingBean(name = SCHEDULER_BEAN_NAME)
		ThreadPoolTaskScheduler kvConfigRefreshScheduler() {
			ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
			scheduler.setPoolSize(1);
			scheduler.setDaemon(true);
			scheduler.setThreadNamePrefix("kv-config-refresh-");
			scheduler.setWaitForTasksToCompleteOnShutdown(false);
			return scheduler;
		}

		@Bean
		KVConfigWatcher kvConfigWatcher(KVConfigImports imports, KVConfigDataProperties properties,
				@Qualifier(SCHEDULER_BEAN_NAME) TaskScheduler scheduler, ObjectProvider<KVConfigApplier> applier,
				ConfigurableApplicationContext context) {
			Duration interval = properties.getRefreshInterval();
			if (interval == null || interval.isZero() || interval.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(REFRESH_INTERVAL, String.valueOf(interval),
						"The refresh interval must be positive; remove the property to read the imports only at start-up.");
			}
			return new KVConfigWatcher(imports, interval, scheduler,
					applier.getIfAvailable(() -> new KVConfigRebinder(context)), context);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "org.springframework.cloud.context.refresh.ContextRefresher")
		@ConditionalOnBean(type = "org.springframework.cloud.context.refresh.ContextRefresher")
		static class SpringCloudConfiguration {

			@Bean
			KVConfigApplier kvConfigSpringCloudRefresh(ConfigurableApplicationContext context) {
				return new SpringCloudRefresh(context);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterBinder.class)
		static class MetricsConfiguration {

			@Bean
			MeterBinder kvConfigRefreshMetrics(KVConfigWatcher watcher) {
				return new KVConfigRefreshMetrics(watcher);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "kvConfigSanitizingFunction")
		SanitizingFunction kvConfigSanitizingFunction(KVConfigDataProperties properties) {
			return new KVConfigSanitizingFunction(properties.getSecretSuffixes());
		}

	}

}
