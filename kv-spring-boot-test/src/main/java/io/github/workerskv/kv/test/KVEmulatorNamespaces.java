package io.github.workerskv.kv.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.emulator.KVEmulator;

/**
 * The namespaces {@link AutoConfigureKVEmulator} created in the emulator, by binding name: their ids, and the
 * emulator's own view of each, read and written without HTTP, to arrange data before a test and assert on it
 * after. A bean of every context that uses the emulator.
 */
public final class KVEmulatorNamespaces {

	private final KVEmulator emulator;

	private final Map<String, String> ids;

	KVEmulatorNamespaces(KVEmulator emulator, Map<String, String> ids) {
		this.emulator = emulator;
		this.ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
	}

	/** @return the binding names that have a namespace in the emulator, in configuration order */
	public Set<String> bindings() {
		return this.ids.keySet();
	}

	/**
	 * The id the emulator gave a binding's namespace, which the application now uses as the binding's id.
	 * @param binding the binding name, as configured
	 * @return the namespace id, 32 hexadecimal digits
	 * @throws IllegalArgumentException if the binding is not configured
	 */
	public String id(String binding) {
		String id = this.ids.get(binding);
		if (id == null) {
			throw new IllegalArgumentException("No binding '" + binding + "' was created in the KV emulator (bindings: "
					+ (this.ids.isEmpty() ? "none" : String.join(", ", this.ids.keySet()))
					+ "). Declare it with cloudflare.kv.namespaces." + binding + ".id or in the wrangler file");
		}
		return id;
	}

	/**
	 * The emulator's storage of a binding's namespace: what the application wrote over HTTP, and what it will
	 * read. Calls on it make no HTTP request.
	 * @param binding the binding name, as configured
	 * @return the namespace inside the emulator's store
	 * @throws IllegalArgumentException if the binding is not configured
	 */
	public KVNamespace backing(String binding) {
		return this.emulator.store().namespace(id(binding));
	}

	/** @return the emulator itself, for its base URL, port and fault injection */
	public KVEmulator emulator() {
		return this.emulator;
	}

	@Override
	public String toString() {
		return "KVEmulatorNamespaces" + this.ids;
	}

}
