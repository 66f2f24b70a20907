package io.github.workerskv.kv.autoconfigure.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVAutoConfiguration;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.autoconfigure.UnknownBindingException;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FeatureFlagsListener;
import io.github.workerskv.kv.flags.openfeature.KVFeatureFlagsProvider;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of feature flags on
 * Workers KV: a {@link FeatureFlags} and a {@link FeatureFlagsAdmin} bean over the binding
 * {@code cloudflare.kv.flags.binding} (or the only binding), configured by {@code cloudflare.kv.flags.*}.
 *
 * <p>Active when kv-flags is on the class path, {@code cloudflare.kv.flags.enabled} is not {@code false} and a
 * binding is named or exactly one exists; a named binding that does not exist fails start-up naming the property.
 * Each bean backs off when the application defines its own. Every {@link FeatureFlagsListener} bean (the meters
 * are one) is told of evaluations, refreshes and admin writes; the admin's writes are answered by the
 * {@link FeatureFlags} bean at once ({@link FeatureFlagsListener#refreshing(FeatureFlags)}).
 *
 * <p>With the OpenFeature SDK ({@code dev.openfeature:sdk}) on the class path, a {@link KVFeatureFlagsProvider}
 * bean is registered as {@link OpenFeatureAPI}'s default provider at start-up (and replaced by a no-op provider
 * at shut-down); a {@link FeatureProvider} bean of the application's replaces it, and is registered instead.
 */
@AutoConfiguration(after = KVAutoConfiguration.class)
@ConditionalOnClass(FeatureFlags.class)
@ConditionalOnBean(KVNamespaces.class)
@ConditionalOnBooleanProperty(name = KVFlagsProperties.PREFIX + ".enabled", matchIfMissing = true)
@Conditional(OnFlagsBindingCondition.class)
@EnableConfigurationProperties(KVFlagsProperties.class)
public final class KVFlagsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KVFlagsAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	FeatureFlags featureFlags(KVFlagsProperties properties, KVNamespaces namespaces,
			ObjectProvider<FeatureFlagsListener> listeners) {
		KVNamespace namespace = namespace(properties, namespaces);
		FeatureFlags flags = FeatureFlags.create(namespace,
				KVFlagsOptions.from(properties, FeatureFlagsListener.composite(listeners.orderedStream().toList())));
		logger.info("Feature flags: documents " + properties.getKeyPrefix() + "global and " + properties.getKeyPrefix()
				+ "user:<id> in binding '" + namespace.name() + "' (" + properties.getMode().name().toLowerCase(Locale.ROOT)
				+ " mode, refreshed every " + DurationStyle.SIMPLE.print(properties.getRefreshInterval()) + "): "
				+ flags.state().status());
		return flags;
	}

	@Bean
	@ConditionalOnMissingBean
	FeatureFlagsAdmin featureFlagsAdmin(KVFlagsProperties properties, KVNamespaces namespaces,
			ObjectProvider<FeatureFlagsListener> listeners, ObjectProvider<FeatureFlags> flags) {
		List<FeatureFlagsListener> all = new ArrayList<>(listeners.orderedStream().toList());
		flags.ifUnique((service) -> all.add(FeatureFlagsListener.refreshing(service)));
		return FeatureFlagsAdmin.create(namespace(properties, namespaces),
				KVFlagsOptions.from(properties, FeatureFlagsListener.composite(all)));
	}

	static KVNamespace namespace(KVFlagsProperties properties, KVNamespaces namespaces) {
		String binding = properties.getBinding();
		if (!StringUtils.hasText(binding)) {
			// OnFlagsBindingCondition: exactly one binding.
			binding = namespaces.names().iterator().next();
		}
		try {
			return namespaces.get(binding);
		}
		catch (UnknownBindingException ex) {
			throw ex.withReferencingProperty(KVFlagsProperties.PREFIX + ".binding");
		}
	}

	/** The OpenFeature provider over the flags, registered with {@link OpenFeatureAPI}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OpenFeatureAPI.class, KVFeatureFlagsProvider.class })
	static class OpenFeatureConfiguration {

		@Bean
		@ConditionalOnMissingBean(FeatureProvider.class)
		KVFeatureFlagsProvider kvFeatureFlagsProvider(FeatureFlags flags) {
			return new KVFeatureFlagsProvider(flags);
		}

		@Bean
		@ConditionalOnMissingBean
		OpenFeatureAPI openFeatureAPI() {
			return OpenFeatureAPI.getInstance();
		}

		@Bean
		OpenFeatureProviderRegistration kvOpenFeatureProviderRegistration(OpenFeatureAPI api,
				ObjectProvider<FeatureProvider> provider) {
			return new OpenFeatureProviderRegistration(api, provider);
		}

	}

}
