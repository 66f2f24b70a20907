package io.github.workerskv.kv.autoconfigure.actuate;

import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} that keeps the
 * Cloudflare credentials masked in the actuator's {@code env} and {@code configprops} endpoints, even when
 * {@code management.endpoint.env.show-values} or {@code ...configprops.show-values} is set to
 * {@code always}. Active when the actuator is on the class path.
 */
@AutoConfiguration(after = KVAutoConfiguration.class)
@ConditionalOnClass(SanitizingFunction.class)
public final class KVActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kvCredentialsSanitizingFunction")
	SanitizingFunction kvCredentialsSanitizingFunction() {
		return new KVCredentialsSanitizingFunction();
	}

}
