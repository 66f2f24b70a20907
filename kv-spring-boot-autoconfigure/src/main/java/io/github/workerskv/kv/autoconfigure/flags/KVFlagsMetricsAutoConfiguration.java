package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.flags.FeatureFlags;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of Micrometer meters
 * for the feature flags, active when Micrometer is on the class path and a {@link MeterRegistry} and a
 * {@link FeatureFlags} bean exist: the counters of {@link KVFlagsMetricsListener} (evaluations, refreshes, admin
 * writes), which the auto-configured flag service and admin tell, and the gauges of {@link KVFlagsMeterBinder}
 * (staleness). Switch them off with {@code management.metrics.enable.kv.flags=false}.
 */
@AutoConfiguration(after = KVFlagsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, FeatureFlags.class })
@ConditionalOnBean({ MeterRegistry.class, FeatureFlags.class })
public final class KVFlagsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static KVFlagsMetricsListener kvFlagsMetricsListener(ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<KVFlagsProperties> properties) {
		return new KVFlagsMetricsListener(meterRegistry, properties.getIfAvailable(KVFlagsProperties::new).getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	KVFlagsMeterBinder kvFlagsMeterBinder(FeatureFlags flags) {
		return new KVFlagsMeterBinder(flags);
	}

}
