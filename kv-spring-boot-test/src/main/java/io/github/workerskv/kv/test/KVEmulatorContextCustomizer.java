package io.github.workerskv.kv.test;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.autoconfigure.KVProperties;
import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfig;
import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfigException;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.StringUtils;

/**
 * Starts a {@link KVEmulator} for one application context, creates a namespace in it for every configured
 * binding, and points the application at it (see {@link AutoConfigureKVEmulator}).
 *
 * <p>Runs after the environment is prepared, so {@code application.yml} and test properties are there to
 * read the bindings from, and before any bean definition is read, so the {@link KVConnectionDetails} bean
 * is seen by the auto-configuration. Holds no state: every instance is equal, so contexts that differ only
 * by the annotation's presence are cached as usual.
 */
final class KVEmulatorContextCustomizer implements ContextCustomizer {

	/** The one account the emulator answers for: Cloudflare account ids are 32 hexadecimal digits. */
	static final String ACCOUNT_ID = "0000000000000000000000000000e1a1";

	static final String EMULATOR_BEAN_NAME = "kvEmulator";

	static final String CONNECTION_DETAILS_BEAN_NAME = "kvEmulatorConnectionDetails";

	static final String NAMESPACES_BEAN_NAME = "kvEmulatorNamespaces";

	static final String PROPERTY_SOURCE_NAME = "kvEmulator";

	private static final String PREFIX = KVProperties.PREFIX;

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String token = "kv-emulator-" + UUID.randomUUID();
		KVEmulator emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(token).withAccountId(ACCOUNT_ID));
		try {
			KVConnectionDetails connectionDetails = KVConnectionDetails.of(emulator.baseUrl().toString(),
					ACCOUNT_ID, Credentials.apiToken(token));
			Map<String, String> ids = createNamespaces(bindingNames(environment), connectionDetails);
			environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties(ids)));
			register(context.getBeanFactory(), emulator, connectionDetails, new KVEmulatorNamespaces(emulator, ids));
		}
		catch (RuntimeException ex) {
			emulator.close();
			throw ex;
		}
	}

	/** The bindings of {@code cloudflare.kv.namespaces} and of the wrangler file, as the auto-configuration reads them. */
	static Set<String> bindingNames(ConfigurableEnvironment environment) {
		Set<String> names = new LinkedHashSet<>();
		String wranglerConfig = environment.getProperty(PREFIX + ".wrangler-config");
		if (StringUtils.hasText(wranglerConfig)) {
			try {
				names.addAll(WranglerConfig
					.readKvNamespaces(Path.of(wranglerConfig.trim()), environment.getProperty(PREFIX + ".wrangler-environment"))
					.keySet());
			}
			catch (WranglerConfigException | InvalidPathException ex) {
				// The auto-configuration fails on the same file with the full explanation.
			}
		}
		names.addAll(Binder.get(environment)
			.bind(PREFIX + ".namespaces", Bindable.mapOf(String.class, KVProperties.Namespace.class))
			.orElse(Map.of())
			.keySet());
		return names;
	}

	/** Creates one namespace per binding through the emulator's REST API, titled after the binding. */
	private static Map<String, String> createNamespaces(Set<String> bindings, KVConnectionDetails connectionDetails) {
		Map<String, String> ids = new LinkedHashMap<>();
		if (bindings.isEmpty()) {
			return ids;
		}
		try (CloudflareKVClient client = CloudflareKVClient.create(CloudflareKVConfig
			.of(connectionDetails.getAccountId(), connectionDetails.getCredentials())
			.withBaseUrl(connectionDetails.getBaseUrl()))) {
			for (String binding : bindings) {
				ids.put(binding, client.createNamespace(binding).id());
			}
		}
		return ids;
	}

	private static Map<String, Object> properties(Map<String, String> ids) {
		Map<String, Object> properties = new HashMap<>();
		properties.put(PREFIX + ".mode", "remote");
		ids.forEach((binding, id) -> {
			properties.put(PREFIX + ".namespaces[" + binding + "].id", id);
			properties.put(PREFIX + ".namespaces[" + binding + "].preview-id", id);
		});
		return properties;
	}

	private static void register(ConfigurableListableBeanFactory beanFactory, KVEmulator emulator,
			KVConnectionDetails connectionDetails, KVEmulatorNamespaces namespaces) {
		beanFactory.registerSingleton(EMULATOR_BEAN_NAME, emulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			// Closed with the context, and also when the context fails to start.
			registry.registerDisposableBean(EMULATOR_BEAN_NAME, emulator::close);
		}
		beanFactory.registerSingleton(CONNECTION_DETAILS_BEAN_NAME, connectionDetails);
		beanFactory.registerSingleton(NAMESPACES_BEAN_NAME, namespaces);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other != null && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
