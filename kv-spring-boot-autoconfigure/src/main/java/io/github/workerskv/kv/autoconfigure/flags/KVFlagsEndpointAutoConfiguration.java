package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the {@code flags}
 * actuator endpoint ({@link KVFlagsEndpoint}), active with the actuator on the class path, a {@link FeatureFlags}
 * and a {@link FeatureFlagsAdmin} bean, and the endpoint available (exposed, and its access not {@code none}).
 * Its write operation needs {@code management.endpoint.flags.access=unrestricted}.
 */
@AutoConfiguration(after = KVFlagsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, FeatureFlags.class })
@ConditionalOnBean({ FeatureFlags.class, FeatureFlagsAdmin.class })
public final class KVFlagsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	KVFlagsEndpoint kvFlagsEndpoint(FeatureFlags flags, FeatureFlagsAdmin admin) {
		return new KVFlagsEndpoint(flags, admin);
	}

}
