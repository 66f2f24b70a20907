package io.github.workerskv.kv.autoconfigure.flags;

import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.autoconfigure.console.KVConsoleAutoConfiguration;
import io.github.workerskv.kv.console.ConsoleExtension;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FeatureFlagsListener;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the KV console's
 * flag pages: with the console enabled ({@code cloudflare.kv.console.enabled=true}) and a {@link FeatureFlags} and
 * a {@link FeatureFlagsAdmin} bean, a {@link ConsoleExtension} named {@code flags} that the console shows as its
 * Flags section (the documents, toggles, variants and rollouts, a preview for a targeting key, the audit trail).
 * Its writes go through the {@link FeatureFlagsAdmin} bean, by the console's signed-in user; who may use the
 * console at all is the console's own setting ({@code cloudflare.kv.console.role}). A bean named
 * {@code kvFlagsConsoleExtension} of the application's replaces it.
 */
@AutoConfiguration(after = KVFlagsAutoConfiguration.class, before = KVConsoleAutoConfiguration.class)
@ConditionalOnClass({ ConsoleExtension.class, FeatureFlags.class })
@ConditionalOnBooleanProperty(name = "cloudflare.kv.console.enabled")
@ConditionalOnBean({ FeatureFlags.class, FeatureFlagsAdmin.class, KVNamespaces.class })
@EnableConfigurationProperties(KVFlagsProperties.class)
public final class KVFlagsConsoleAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "kvFlagsConsoleExtension")
	ConsoleExtension kvFlagsConsoleExtension(FeatureFlags featureFlags, FeatureFlagsAdmin featureFlagsAdmin,
			KVFlagsProperties properties, KVNamespaces namespaces) {
		return new FlagsConsoleExtension(featureFlags, featureFlagsAdmin,
				KVFlagsAutoConfiguration.namespace(properties, namespaces),
				KVFlagsOptions.from(properties, FeatureFlagsListener.none()));
	}

}
