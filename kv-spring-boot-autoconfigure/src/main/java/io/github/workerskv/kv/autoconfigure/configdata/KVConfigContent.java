package io.github.workerskv.kv.autoconfigure.configdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Turns what KV holds for a resource into property sources: under a prefix, one property per key (the prefix
 * removed, each key separator replaced by a dot); a document, through Spring Boot's own loader of its format,
 * one property source per document it holds (YAML's {@code ---}, {@code #---} in {@code .properties}).
 * Nothing read becomes one empty property source, so that a refresh can fill it.
 */
final class KVConfigContent {

	private KVConfigContent() {
	}

	/**
	 * @param resource what was read
	 * @param entries the keys and values read
	 * @return at least one property source, named after the resource's location (documents after the first
	 * numbered as Spring Boot numbers them)
	 * @throws KVConfigImportException if a document is not valid in its format
	 */
	static List<EnumerablePropertySource<?>> propertySources(KVConfigDataResource resource, Map<String, String> entries) {
		String name = resource.location();
		PropertySourceLoader loader = resource.documentLoader();
		if (loader == null) {
			return List.of(new OriginTrackedMapPropertySource(name, properties(resource, entries)));
		}
		String text = entries.get(resource.key());
		if (text == null) {
			return List.of(new OriginTrackedMapPropertySource(name, Map.of()));
		}
		List<PropertySource<?>> loaded;
		try {
			loaded = loader.load(name, new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), resource.toString()));
		}
		catch (IOException | RuntimeException ex) {
			throw KVConfigImportException.malformed(resource, ex);
		}
		List<EnumerablePropertySource<?>> sources = new ArrayList<>();
		for (PropertySource<?> source : loaded) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
				throw KVConfigImportException.malformed(resource,
						new IllegalStateException("its loader gave a property source that cannot list its names"));
			}
			sources.add(enumerable);
		}
		return sources.isEmpty() ? List.of(new OriginTrackedMapPropertySource(name, Map.of())) : sources;
	}

	/**
	 * @param sources property sources
	 * @return their properties, a later source's value winning as in the {@code Environment}
	 */
	static Map<String, @Nullable Object> flatten(List<? extends EnumerablePropertySource<?>> sources) {
		Map<String, @Nullable Object> properties = new LinkedHashMap<>();
		for (EnumerablePropertySource<?> source : sources) {
			for (String property : source.getPropertyNames()) {
				Object value = source.getProperty(property);
				properties.put(property, (value != null) ? value.toString() : null);
			}
		}
		return properties;
	}

	private static Map<String, Object> properties(KVConfigDataResource resource, Map<String, String> entries) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String prefix = resource.key();
		String separator = resource.keySeparator();
		entries.forEach((key, value) -> {
			String relative = key.substring(prefix.length());
			if (!relative.isEmpty()) {
				String property = separator.equals(".") ? relative : relative.replace(separator, ".");
				properties.put(property, OriginTrackedValue.of(value, new KVKeyOrigin(resource.binding(), key)));
			}
		});
		return properties;
	}

}
