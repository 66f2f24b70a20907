package io.github.workerskv.kv.autoconfigure;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.KVNamespace;

/** {@link KVNamespaces} over an ordered, unmodifiable copy of a map. */
final class MapKVNamespaces implements KVNamespaces {

	private final Map<String, KVNamespace> namespaces;

	MapKVNamespaces(Map<String, KVNamespace> namespaces) {
		this.namespaces = Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
	}

	@Override
	public KVNamespace get(String binding) {
		KVNamespace namespace = this.namespaces.get(binding);
		if (namespace == null) {
			throw new UnknownBindingException(binding, this.namespaces.keySet());
		}
		return namespace;
	}

	@Override
	public Set<String> names() {
		return this.namespaces.keySet();
	}

	@Override
	public String toString() {
		return "KVNamespaces" + this.namespaces.keySet();
	}

}
