package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.local.LocalKVStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for Workers KV:
 * one {@link KVNamespace} bean per binding under {@code cloudflare.kv.namespaces} (and the wrangler file's
 * {@code kv_namespaces}), named after the binding, and a {@link KVNamespaces} registry of them all.
 *
 * <p>In local mode, the default, the namespaces live in a {@link LocalKVStore} (in memory, or in the file
 * {@code cloudflare.kv.local.persist-path}). In remote mode ({@code cloudflare.kv.mode=remote}, or a
 * {@link KVConnectionDetails} bean) they are Cloudflare's, reached through one {@link CloudflareKVClient}
 * built from the {@link KVConnectionDetails}. Each bean backs off when the application defines its own; a
 * bean the application names after a binding replaces that binding's bean.
 *
 * <p>In remote mode the client retries idempotent calls ({@code cloudflare.kv.retry.*}, on by default),
 * optionally paces writes per key ({@code cloudflare.kv.write-pacing.*}) and keeps an account-wide request
 * budget ({@code cloudflare.kv.rate-limit.*}). Its retries are created in the application's
 * {@link RetryRegistry} bean when there is exactly one, else in a registry of its own, named
 * {@code cloudflare-kv.<binding>.<operation>}. Every {@link KVListener} bean is given to the store or the
 * client, and so told of every call of every binding (the meters are one) and of what retries, pacing and
 * the budget did. Closing the context flushes paced writes.
 *
 * <p>When configuration was imported from KV ({@code spring.config.import=cloudflare-kv:…}), the store or client
 * opened for it before the context ({@link KVBootstrapNamespaces}) is taken over rather than a second one
 * opened, as long as its settings are the context's.
 *
 * <p>Logs one INFO line per binding with the mode and the namespace id; never a credential.
 */
@AutoConfiguration
@ConditionalOnClass(KVNamespace.class)
@EnableConfigurationProperties(KVProperties.class)
@Import(KVNamespaceBeanRegistrar.class)
@ImportRuntimeHints(KVAutoConfigurationRuntimeHints.class)
public final class KVAutoConfiguration {

	private static final Log logger = LogFactory.getLog(KVAutoConfiguration.class);

	/** The client's settings, checked in either mode so that a value out of range fails start-up at once. */
	@Bean
	static KVClientSettings kvClientSettings(KVProperties properties) {
		return KVClientSettings.from(properties);
	}

	/**
	 * {@code cloudflare.kv.verify-on-startup}: one request per binding once every singleton exists, failing
	 * start-up with the property to fix.
	 */
	@Bean
	@ConditionalOnBooleanProperty(KVProperties.PREFIX + ".verify-on-startup")
	static KVStartupVerification kvStartupVerification(KVNamespaces namespaces, KVBindings bindings,
			KVProperties properties, ObjectProvider<CloudflareKVClient> client,
			ObjectProvider<KVConnectionDetails> connectionDetails) {
		Duration timeout = properties.getVerifyTimeout();
		if (timeout.isZero() || timeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(KVProperties.PREFIX + ".verify-timeout", timeout,
					"The timeout must be positive.");
		}
		CloudflareKVClient rest = client.getIfUnique();
		KVConnectionDetails details = connectionDetails.getIfUnique();
		String baseUrlSource = (details == null || details instanceof PropertiesKVConnectionDetails)
				? "`" + KVProperties.PREFIX + ".base-url`"
				: "the base URL of the " + details.getClass().getSimpleName() + " bean (a KVConnectionDetails)";
		return new KVStartupVerification(namespaces, bindings, timeout,
				(rest != null) ? rest.config().baseUrl().toString() : "", baseUrlSource);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnLocalModeCondition.class)
	static class LocalConfiguration {

		/** The store configuration imports opened before the context, if any and alike, else a new one. */
		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		LocalKVStore localKVStore(KVProperties properties, KVBindings bindings, ObjectProvider<KVListener> listeners,
				ResourceLoader resourceLoader, ObjectProvider<KVBootstrapNamespaces> bootstrapNamespaces) {
			KVListener listener = KVListener.composite(listeners.orderedStream().toList());
			KVBootstrapNamespaces early = bootstrapNamespaces.getIfAvailable();
			LocalKVStore store = (early != null) ? early.handOverStore(properties, listener) : null;
			return (store != null) ? store
					: EmbeddedStores.open(properties, bindings, listener, resourceLoader.getClassLoader());
		}

		@Bean
		@ConditionalOnMissingBean
		KVNamespaces kvNamespaces(KVBindings bindings, LocalKVStore store) {
			Path file = store.options().persistPath();
			return namespaces(bindings, bindings::localNamespaceId, store::namespace, "local",
					(file != null) ? "embedded store in " + file : "embedded store in memory");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnRemoteModeCondition.class)
	static class RemoteConfiguration {

		@Bean
		@ConditionalOnMissingBean(KVConnectionDetails.class)
		PropertiesKVConnectionDetails kvConnectionDetails(KVProperties properties, Environment environment) {
			return new PropertiesKVConnectionDetails(properties, environment);
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		CloudflareKVClient cloudflareKVClient(KVConnectionDetails connectionDetails, KVClientSettings settings,
				KVBindings bindings, ObjectProvider<RetryRegistry> retryRegistry, ObjectProvider<KVListener> listeners,
				ObjectProvider<KVBootstrapNamespaces> bootstrapNamespaces) {
			KVListener listener = KVListener.composite(listeners.orderedStream().toList());
			KVBootstrapNamespaces early = bootstrapNamespaces.getIfAvailable();
			CloudflareKVClient client = (early != null) ? early.handOverClient(connectionDetails, listener) : null;
			return (client != null) ? client
					: CloudflareKVClient.create(settings.clientConfig(connectionDetails,
							retryRegistry.getIfUnique(RetryRegistry::ofDefaults), listener,
							remote(bindings, connectionDetails).remoteNamesById()));
		}

		@Bean
		@ConditionalOnMissingBean
		KVNamespaces kvNamespaces(KVBindings bindings, KVConnectionDetails connectionDetails,
				CloudflareKVClient client) {
			CloudflareKVConfig config = client.config();
			KVBindings remote = remote(bindings, connectionDetails);
			return namespaces(remote, remote::remoteNamespaceId, client::namespace, "remote",
					"account " + config.accountId() + " at " + config.baseUrl());
		}

		/** The bindings with the namespaces the connection details give them (an emulator's). */
		private static KVBindings remote(KVBindings bindings, KVConnectionDetails connectionDetails) {
			return bindings.withConnectionNamespaceIds(connectionDetails.getNamespaceIds(bindings.names()));
		}

	}

	/** Builds the registry binding by binding, logging each binding's namespace. */
	private static KVNamespaces namespaces(KVBindings bindings, Function<String, String> namespaceId,
			Function<String, KVNamespace> namespace, String mode, String where) {
		Map<String, KVNamespace> namespaces = new LinkedHashMap<>();
		String details = " (" + where + (bindings.usePreviewIds() ? ", preview ids" : "") + ")";
		for (String binding : bindings.names()) {
			String id = namespaceId.apply(binding);
			namespaces.put(binding, namespace.apply(id));
			logger.info("KV binding '" + binding + "': " + mode + " namespace " + id + details);
		}
		return KVNamespaces.of(namespaces);
	}

}
