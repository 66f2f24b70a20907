package io.github.workerskv.kv.autoconfigure;

import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.KVNamespace;

/**
 * The configured KV namespaces, by binding name: the Java side of a Worker's {@code env.MY_NAMESPACE}.
 *
 * <p>The auto-configuration builds one from {@code cloudflare.kv.namespaces} (and the wrangler file's
 * {@code kv_namespaces}) and also exposes each binding as a {@link KVNamespace} bean named after it; define
 * your own bean to replace the registry. A registry is fixed once built: bindings cannot be added or removed
 * at run time.
 */
public interface KVNamespaces {

	/**
	 * The namespace bound under this name.
	 * @param binding the binding name, exactly as configured (case-sensitive)
	 * @return the namespace
	 * @throws UnknownBindingException if nothing is bound under that name; the message lists the
	 * known bindings and the property that would bind it
	 */
	KVNamespace get(String binding);

	/**
	 * The binding names, in configuration order.
	 * @return an unmodifiable set, empty when no binding is configured
	 */
	Set<String> names();

	/**
	 * A registry over a fixed map of bindings.
	 * @param namespaces namespaces by binding name; copied, keeping its iteration order
	 * @return the registry
	 */
	static KVNamespaces of(Map<String, KVNamespace> namespaces) {
		return new MapKVNamespaces(namespaces);
	}

}
