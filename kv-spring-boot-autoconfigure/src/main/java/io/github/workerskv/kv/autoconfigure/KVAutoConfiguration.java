package io.github.workerskv.kv.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for Workers KV
 * on the embedded store.
 *
 * <p>Contributes a {@link LocalKVStore} (in memory, or in the file {@code cloudflare.kv.local.persist-path}),
 * a {@link KVNamespaces} registry with one namespace per binding under {@code cloudflare.kv.namespaces},
 * and, when exactly one binding is configured, that binding's {@link KVNamespace}. With several bindings,
 * inject {@link KVNamespaces} and pick by name. Each bean backs off when the application defines its own.
 *
 * <p>Only the embedded store is wired so far; nothing here talks to Cloudflare.
 */
@AutoConfiguration
@EnableConfigurationProperties(KVProperties.class)
public final class KVAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LocalKVStore localKVStore(KVProperties properties) {
		return LocalKVStore
			.create(LocalKVStoreOptions.defaults().withPersistPath(properties.getLocal().getPersistPath()));
	}

	@Bean
	@ConditionalOnMissingBean
	KVNamespaces kvNamespaces(KVProperties properties, LocalKVStore store) {
		Map<String, KVNamespace> namespaces = new LinkedHashMap<>();
		properties.getNamespaces()
			.forEach((binding, namespace) -> namespaces.put(binding, store.namespace(localId(binding, namespace))));
		return KVNamespaces.of(namespaces);
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnSingleBindingCondition.class)
	KVNamespace kvNamespace(KVProperties properties, KVNamespaces namespaces) {
		return namespaces.get(properties.getNamespaces().keySet().iterator().next());
	}

	/** The embedded store's id for a binding: its configured id, or the binding name when none is set. */
	private static String localId(String binding, KVProperties.Namespace namespace) {
		String id = namespace.getId();
		return StringUtils.hasText(id) ? id : binding;
	}

}
