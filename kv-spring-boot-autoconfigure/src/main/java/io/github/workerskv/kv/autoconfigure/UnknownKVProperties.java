package io.github.workerskv.kv.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Keys under {@code cloudflare.kv} that the application sets but no configuration property on the class
 * path declares (as every {@code META-INF/spring-configuration-metadata.json} lists them), each with the
 * declared key it is closest to: {@code cloudflare.kv.namespace.FLAGS.id} is most likely
 * {@code cloudflare.kv.namespaces.FLAGS.id}. Used when start-up has already failed, to explain why no
 * binding is configured; never on the normal path.
 *
 * <p>Keys are compared element by element in Spring's relaxed form (case, dashes and underscores ignored);
 * anything below a map or list property (a binding name, a cache name) is accepted. Environment variables
 * are not looked at.
 */
final class UnknownKVProperties {

	private static final String PREFIX = KVProperties.PREFIX + ".";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/** At most this many keys are reported. */
	private static final int MAX_REPORTED = 10;

	private UnknownKVProperties() {
	}

	/**
	 * A key nothing declares.
	 * @param name the key as the application wrote it
	 * @param suggestion the same key with the misspelt element replaced by the closest declared one, or
	 * {@code null} when no declared key is close
	 */
	record Unknown(String name, @Nullable String suggestion) {

		String describe() {
			return "`" + this.name + "`" + ((this.suggestion != null) ? " (did you mean `" + this.suggestion + "`?)" : "");
		}

	}

	/**
	 * @param environment the application's environment
	 * @param classLoader where to read the metadata
	 * @return the unknown keys, in the order of the property sources; at most ten
	 */
	static List<Unknown> find(Environment environment, @Nullable ClassLoader classLoader) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return List.of();
		}
		Map<List<String>, Declared> declared = declared(classLoader);
		if (declared.isEmpty()) {
			return List.of();
		}
		Set<String> names = new LinkedHashSet<>();
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
						names.add(name);
					}
				}
			}
		}
		List<Unknown> unknown = new ArrayList<>();
		for (String name : names) {
			List<String> elements = elements(name);
			if (!isDeclared(elements, declared) && unknown.size() < MAX_REPORTED) {
				unknown.add(new Unknown(name, suggestion(name, elements, declared)));
			}
		}
		return unknown;
	}

	private static boolean isDeclared(List<String> elements, Map<List<String>, Declared> declared) {
		if (declared.containsKey(elements)) {
			return true;
		}
		for (int length = elements.size() - 1; length > 0; length--) {
			Declared parent = declared.get(elements.subList(0, length));
			if (parent != null && parent.container()) {
				return true;
			}
		}
		return false;
	}

	/** Replaces the first element no declared key has at that place with the closest one that is there. */
	private static @Nullable String suggestion(String name, List<String> elements, Map<List<String>, Declared> declared) {
		int shared = 0;
		for (List<String> key : declared.keySet()) {
			shared = Math.max(shared, commonPrefix(key, elements));
		}
		if (shared >= elements.size()) {
			return null;
		}
		String wrong = elements.get(shared);
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Map.Entry<List<String>, Declared> entry : declared.entrySet()) {
			List<String> key = entry.getKey();
			if (key.size() > shared && commonPrefix(key, elements) == shared) {
				int distance = distance(wrong, key.get(shared));
				if (distance < bestDistance) {
					bestDistance = distance;
					best = entry.getValue().elements().get(shared);
				}
			}
		}
		if (best == null || bestDistance > Math.max(2, wrong.length() / 3)) {
			return null;
		}
		String[] raw = name.split("\\.", -1);
		if (raw.length != elements.size()) {
			return null;
		}
		raw[shared] = best;
		return String.join(".", raw);
	}

	private static int commonPrefix(List<String> a, List<String> b) {
		int i = 0;
		while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
			i++;
		}
		return i;
	}

	/** Levenshtein distance. */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/** The relaxed form of each element of a key: lower case, without dashes, underscores or indexes. */
	private static List<String> elements(String name) {
		List<String> elements = new ArrayList<>();
		for (String element : name.split("\\.", -1)) {
			int index = element.indexOf('[');
			String bare = (index >= 0) ? element.substring(0, index) : element;
			elements.add(bare.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT));
		}
		return elements;
	}

	/** Every declared {@code cloudflare.kv} key, by its relaxed elements. */
	private static Map<List<String>, Declared> declared(@Nullable ClassLoader classLoader) {
		Map<List<String>, Declared> declared = new LinkedHashMap<>();
		ClassLoader loader = (classLoader != null) ? classLoader : UnknownKVProperties.class.getClassLoader();
		JsonMapper mapper = JsonMapper.builder().build();
		try {
			Enumeration<URL> resources = loader.getResources(METADATA);
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					JsonNode properties = mapper.readTree(in).path("properties");
					for (JsonNode property : properties) {
						String name = property.path("name").asString("");
						if (name.startsWith(PREFIX)) {
							String type = property.path("type").asString("");
							boolean container = type.startsWith("java.util.Map") || type.startsWith("java.util.List")
									|| type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
									|| type.endsWith("[]");
							declared.put(elements(name), new Declared(List.of(name.split("\\.")), container));
						}
					}
				}
			}
		}
		catch (IOException | JacksonException ex) {
			return declared;
		}
		return declared;
	}

	/**
	 * A declared key.
	 * @param elements its elements as declared (kebab case)
	 * @param container whether any key below it is accepted (a map or a list)
	 */
	private record Declared(List<String> elements, boolean container) {
	}

}
