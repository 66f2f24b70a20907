package io.github.workerskv.kv.autoconfigure.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;

/**
 * A {@link KVNamespaces} registry whose namespaces are metered, each tagged with its binding name. The
 * metered namespaces are made once, when the registry is wrapped, so {@link #get(String)} returns the same
 * instance every time. An unknown binding is left to the wrapped registry, which rejects it with its own
 * message.
 */
final class MeteredKVNamespaces implements KVNamespaces {

	private final KVNamespaces delegate;

	private final Map<String, KVNamespace> metered = new LinkedHashMap<>();

	MeteredKVNamespaces(KVNamespaces delegate, BiFunction<String, KVNamespace, ? extends KVNamespace> meter) {
		this.delegate = delegate;
		for (String binding : delegate.names()) {
			this.metered.put(binding, meter.apply(binding, delegate.get(binding)));
		}
	}

	@Override
	public KVNamespace get(String binding) {
		KVNamespace namespace = this.metered.get(binding);
		return (namespace != null) ? namespace : this.delegate.get(binding);
	}

	@Override
	public Set<String> names() {
		return this.delegate.names();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
