package io.github.workerskv.kv.autoconfigure.flags;

import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.NoOpProvider;
import dev.openfeature.sdk.OpenFeatureAPI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Sets the application's only {@link FeatureProvider} bean as {@link OpenFeatureAPI}'s default provider once every
 * singleton exists (waiting for it to be ready: the flag documents are read by then), and, at shut-down, sets a
 * no-op provider in its place if it is still the default.
 */
final class OpenFeatureProviderRegistration implements SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(OpenFeatureProviderRegistration.class);

	private final OpenFeatureAPI api;

	private final ObjectProvider<FeatureProvider> provider;

	private @Nullable FeatureProvider registered;

	OpenFeatureProviderRegistration(OpenFeatureAPI api, ObjectProvider<FeatureProvider> provider) {
		this.api = api;
		this.provider = provider;
	}

	@Override
	public void afterSingletonsInstantiated() {
		FeatureProvider only = this.provider.getIfUnique();
		if (only == null) {
			return;
		}
		try {
			this.api.setProviderAndWait(only);
		}
		catch (RuntimeException ex) {
			// The SDK reports the provider in error; evaluations answer their defaults until it is ready.
			logger.warn("OpenFeature provider '" + only.getMetadata().getName() + "' is not ready: " + ex.getMessage());
		}
		this.registered = only;
	}

	@Override
	public void destroy() {
		FeatureProvider mine = this.registered;
		if (mine != null && this.api.getProvider() == mine) {
			this.api.setProviderAndWait(new NoOpProvider());
		}
		this.registered = null;
	}

}
