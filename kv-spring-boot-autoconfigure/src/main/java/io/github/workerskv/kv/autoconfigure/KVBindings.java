package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The bindings an application declares: {@code cloudflare.kv.namespaces} over the {@code kv_namespaces}
 * of the wrangler file named by {@code cloudflare.kv.wrangler-config} (those of
 * {@code env.<cloudflare.kv.wrangler-environment>} when an environment is set), id by id (a property that is
 * set wins over the file). Resolved when bean definitions are registered, for the names of the per-binding
 * beans, and again as a bean from the bound {@link KVProperties} when the context starts, for the
 * {@link KVNamespaces} registry: under Spring AOT the names are those of the build, the ids those of the run.
 */
final class KVBindings {

	private static final Pattern NAMESPACE_ID = Pattern.compile("[0-9a-f]{32}");

	private final Map<String, Binding> bindings;

	private final boolean usePreviewIds;

	private KVBindings(Map<String, Binding> bindings, boolean usePreviewIds) {
		this.bindings = Collections.unmodifiableMap(bindings);
		this.usePreviewIds = usePreviewIds;
	}

	/**
	 * Reads the bindings from the properties and, when one is named, the wrangler file.
	 * @param properties the bound properties
	 * @return the bindings: the file's in file order, then those only in properties
	 * @throws io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfigException if the wrangler file
	 * cannot be read
	 */
	static KVBindings resolve(KVProperties properties) {
		Map<String, Binding> bindings = new LinkedHashMap<>();
		Path file = properties.getWranglerConfig();
		if (file != null) {
			String configured = properties.getWranglerEnvironment();
			String environment = (configured != null && !configured.isBlank()) ? configured.trim() : null;
			String section = ((environment != null) ? "env." + environment + "." : "") + "kv_namespaces of " + file;
			WranglerConfig.readKvNamespaces(file, environment).forEach((name, entry) -> bindings.put(name,
					new Binding(name, id(entry.id(), "id of '" + name + "' in " + section),
							id(entry.previewId(), "preview_id of '" + name + "' in " + section))));
		}
		properties.getNamespaces().forEach((name, namespace) -> {
			Binding fromFile = bindings.get(name);
			Id id = id(namespace.getId(), property(name, false));
			Id previewId = id(namespace.getPreviewId(), property(name, true));
			bindings.put(name, new Binding(name, (id != null || fromFile == null) ? id : fromFile.id(),
					(previewId != null || fromFile == null) ? previewId : fromFile.previewId()));
		});
		return new KVBindings(bindings, properties.isUsePreviewIds());
	}

	/**
	 * These bindings with the namespace ids that {@link KVConnectionDetails#getNamespaceIds(Set)} gives them,
	 * in place of their configured ids and preview ids.
	 * @param ids namespace ids by binding name; names that are not bindings are ignored
	 * @return the bindings with those ids, or these bindings when there are none
	 */
	KVBindings withConnectionNamespaceIds(Map<String, String> ids) {
		if (ids.isEmpty()) {
			return this;
		}
		Map<String, Binding> bindings = new LinkedHashMap<>(this.bindings);
		ids.forEach((name, value) -> {
			if (bindings.containsKey(name)) {
				Id id = new Id(value, "the namespace the KV connection details give binding '" + name + "'");
				bindings.put(name, new Binding(name, id, id));
			}
		});
		return new KVBindings(bindings, this.usePreviewIds);
	}

	/** @return the binding names, in order */
	Set<String> names() {
		return this.bindings.keySet();
	}

	/** @return whether bindings use their preview ids */
	boolean usePreviewIds() {
		return this.usePreviewIds;
	}

	/**
	 * The embedded store's namespace id for a binding: its preview id when preview ids are used and it has
	 * one, else its id, else the binding name. Any text is accepted.
	 * @param name a binding name from {@link #names()}
	 * @return the namespace id
	 */
	String localNamespaceId(String name) {
		Binding binding = this.bindings.get(name);
		Id chosen = (binding == null) ? null
				: (this.usePreviewIds && binding.previewId() != null) ? binding.previewId() : binding.id();
		return (chosen != null) ? chosen.value() : name;
	}

	/**
	 * Cloudflare's namespace id for a binding: its preview id when preview ids are used, else its id.
	 * @param name a binding name from {@link #names()}
	 * @return the namespace id, 32 lowercase hexadecimal characters
	 * @throws InvalidNamespaceIdException if the id is missing or malformed
	 */
	String remoteNamespaceId(String name) {
		Binding binding = this.bindings.get(name);
		Id chosen = (binding == null) ? null : this.usePreviewIds ? binding.previewId() : binding.id();
		String property = property(name, this.usePreviewIds);
		if (chosen == null) {
			throw InvalidNamespaceIdException.missing(name, property, this.usePreviewIds);
		}
		if (!NAMESPACE_ID.matcher(chosen.value()).matches()) {
			throw InvalidNamespaceIdException.malformed(name, chosen.value(), chosen.origin(), property,
					this.usePreviewIds);
		}
		return chosen.value();
	}

	/**
	 * Where the namespace id a binding uses came from, for messages.
	 * @param name a binding name from {@link #names()}
	 * @param remote whether the binding is reached over the REST API (which never falls back to the binding
	 * name)
	 * @return the property or the wrangler file entry that set the id, or what stands in for it
	 */
	String idOrigin(String name, boolean remote) {
		Binding binding = this.bindings.get(name);
		Id chosen = null;
		if (binding != null) {
			chosen = (this.usePreviewIds && (remote || binding.previewId() != null)) ? binding.previewId() : binding.id();
		}
		if (chosen != null) {
			return chosen.origin();
		}
		return remote ? "no id is set" : "the binding name, as no id is set";
	}

	/**
	 * The property that sets the namespace id a binding uses.
	 * @param name a binding name
	 * @return {@code cloudflare.kv.namespaces.<name>.id}, or {@code .preview-id} when preview ids are used
	 */
	String idProperty(String name) {
		return property(name, this.usePreviewIds);
	}

	/**
	 * Binding names by embedded-store namespace id, so that each namespace is named after its binding.
	 * @return the names; when two bindings share an id, the first one's
	 */
	Map<String, String> localNamesById() {
		Map<String, String> names = new LinkedHashMap<>();
		for (String name : names()) {
			names.putIfAbsent(localNamespaceId(name), name);
		}
		return names;
	}

	/**
	 * Binding names by Cloudflare namespace id, for the client's retry names and listener events. A binding
	 * whose id is missing or malformed is left out here (the namespace registry reports it).
	 * @return the names; when two bindings share an id, the first one's
	 */
	Map<String, String> remoteNamesById() {
		Map<String, String> names = new LinkedHashMap<>();
		for (String name : names()) {
			try {
				names.putIfAbsent(remoteNamespaceId(name), name);
			}
			catch (InvalidNamespaceIdException ex) {
				// reported with its fix when the namespaces are created
			}
		}
		return names;
	}

	@Override
	public String toString() {
		return "KVBindings" + this.bindings.keySet();
	}

	private static String property(String name, boolean preview) {
		return KVProperties.PREFIX + ".namespaces." + name + (preview ? ".preview-id" : ".id");
	}

	private static @Nullable Id id(@Nullable String value, String origin) {
		return StringUtils.hasText(value) ? new Id(value, origin) : null;
	}

	/** A binding and where each of its ids came from. */
	private record Binding(String name, @Nullable Id id, @Nullable Id previewId) {
	}

	/**
	 * A namespace id and its origin.
	 * @param value the id
	 * @param origin the property that set it, or the entry of the wrangler file
	 */
	private record Id(String value, String origin) {
	}

}
