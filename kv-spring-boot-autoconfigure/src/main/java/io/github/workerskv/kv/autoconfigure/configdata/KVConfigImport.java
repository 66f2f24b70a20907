package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.workerskv.kv.KVNamespace;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.EnumerablePropertySource;

/**
 * One imported resource: the namespace it is read from, what KV held when it was last read, and the property
 * sources Spring Boot put in the {@code Environment} for it.
 */
final class KVConfigImport {

	private final KVConfigDataResource resource;

	private final KVNamespace namespace;

	private final List<KVConfigPropertySource> propertySources;

	private volatile Map<String, String> entries;

	private KVConfigImport(KVConfigDataResource resource, KVNamespace namespace, Map<String, String> entries,
			List<KVConfigPropertySource> propertySources) {
		this.resource = resource;
		this.namespace = namespace;
		this.entries = Map.copyOf(entries);
		this.propertySources = List.copyOf(propertySources);
	}

	/**
	 * @throws KVConfigImportException if a document is not valid in its format
	 */
	static KVConfigImport of(KVConfigDataResource resource, KVNamespace namespace, Map<String, String> entries) {
		List<KVConfigPropertySource> sources = new ArrayList<>();
		for (EnumerablePropertySource<?> values : KVConfigContent.propertySources(resource, entries)) {
			sources.add(new KVConfigPropertySource(values.getName(), resource, values));
		}
		return new KVConfigImport(resource, namespace, entries, sources);
	}

	KVConfigDataResource resource() {
		return this.resource;
	}

	KVNamespace namespace() {
		return this.namespace;
	}

	/** @return what KV held when last read */
	Map<String, String> entries() {
		return this.entries;
	}

	List<KVConfigPropertySource> propertySources() {
		return this.propertySources;
	}

	/**
	 * Compares what KV holds now with what it held.
	 * @param fresh what KV holds now
	 * @return the change, or {@code null} when nothing changed
	 * @throws KVConfigImportException if a document is no longer valid in its format, or now holds a different
	 * number of documents (which Spring Boot would have placed differently)
	 */
	@Nullable Change compare(Map<String, String> fresh) {
		if (fresh.equals(this.entries)) {
			return null;
		}
		List<EnumerablePropertySource<?>> values = KVConfigContent.propertySources(this.resource, fresh);
		if (values.size() != this.propertySources.size()) {
			throw KVConfigImportException.malformed(this.resource,
					new IllegalStateException("it now holds " + values.size() + " documents instead of "
							+ this.propertySources.size() + "; restart the application to import it"));
		}
		Map<String, @Nullable Object> before = KVConfigContent.flatten(this.propertySources);
		Map<String, @Nullable Object> after = KVConfigContent.flatten(values);
		Set<String> properties = new LinkedHashSet<>();
		before.forEach((name, value) -> {
			if (!after.containsKey(name) || !Objects.equals(value, after.get(name))) {
				properties.add(name);
			}
		});
		after.keySet().stream().filter((name) -> !before.containsKey(name)).forEach(properties::add);
		return new Change(this, Map.copyOf(fresh), values, properties);
	}

	/**
	 * What changed in one import.
	 * @param imported the import
	 * @param entries what KV holds now
	 * @param values the new contents of its property sources, in order
	 * @param properties the names of the properties added, removed or changed (empty when only keys that map to
	 * no property changed)
	 */
	record Change(KVConfigImport imported, Map<String, String> entries, List<EnumerablePropertySource<?>> values,
			Set<String> properties) {

		/** Puts the new values in the import's property sources. */
		void apply() {
			for (int i = 0; i < this.values.size(); i++) {
				this.imported.propertySources.get(i).replace(this.values.get(i));
			}
			this.imported.entries = this.entries;
		}

	}

}
