package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.flags.FeatureFlags;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the feature flags'
 * health indicator, {@code flags} ({@code /actuator/health/flags}; see {@link KVFlagsHealthIndicator}), active when
 * Spring Boot's health module is on the class path, a {@link FeatureFlags} bean exists and
 * {@code management.health.flags.enabled} is not {@code false}.
 */
@AutoConfiguration(after = KVFlagsAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, FeatureFlags.class })
@ConditionalOnBean(FeatureFlags.class)
public final class KVFlagsHealthContributorAutoConfiguration {

	/** Nested so that its condition, whose class lives in the health module, is read only once that module is found. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("flags")
	static class KVFlagsHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "flagsHealthIndicator")
		HealthIndicator flagsHealthIndicator(FeatureFlags flags) {
			return new KVFlagsHealthIndicator(flags);
		}

	}

}
