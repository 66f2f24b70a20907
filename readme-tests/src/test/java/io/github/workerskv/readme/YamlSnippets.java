package io.github.workerskv.readme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.ClassUtils;

/**
 * Binds the {@code cloudflare.kv.*} properties of a YAML snippet to the starter's
 * {@link ConfigurationProperties @ConfigurationProperties} classes, strictly: a key that no class binds, or a
 * value that cannot be converted, fails. The classes and their prefixes come from the configuration metadata on
 * the class path, so a module that adds properties under {@code cloudflare.kv} is covered without a change here.
 * Other keys ({@code spring.*}, {@code server.*}, ...) are not checked.
 */
final class YamlSnippets {

	static final String PREFIX = "cloudflare.kv";

	private YamlSnippets() {
	}

	/**
	 * @param snippet a YAML snippet
	 * @throws AssertionError naming the snippet and the keys or values that do not bind
	 */
	static void check(Snippet snippet) {
		Map<String, Object> properties = flatten(snippet);
		Map<String, Class<?>> groups = propertyClasses();
		Map<String, Map<String, Object>> byGroup = new LinkedHashMap<>();
		properties.forEach((name, value) -> {
			if (name.equals(PREFIX) || name.startsWith(PREFIX + ".")) {
				String group = groups.keySet()
					.stream()
					.filter((prefix) -> name.startsWith(prefix + "."))
					.max(Comparator.comparingInt(String::length))
					.orElseThrow(() -> new AssertionError(snippet.where() + ": " + name
							+ " is not a property of the starter (no @ConfigurationProperties binds " + PREFIX + ".*)"));
				byGroup.computeIfAbsent(group, (key) -> new LinkedHashMap<>()).put(name, value);
			}
		});
		byGroup.forEach((group, values) -> {
			Binder binder = new Binder(ConfigurationPropertySources.from(new MapPropertySource("snippet", values)));
			BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
			try {
				binder.bindOrCreate(group, Bindable.of(groups.get(group)), strict);
			}
			catch (RuntimeException ex) {
				throw new AssertionError(snippet.where() + ": the properties under " + group + " do not bind to "
						+ groups.get(group).getSimpleName() + ": " + causes(ex), ex);
			}
		});
	}

	/** @return the snippet's keys (with indexes for lists) and values, in order */
	static Map<String, Object> flatten(Snippet snippet) {
		Map<String, Object> properties = new LinkedHashMap<>();
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(snippet.where(),
					new ByteArrayResource(snippet.text().getBytes(StandardCharsets.UTF_8)));
			for (PropertySource<?> document : documents) {
				EnumerablePropertySource<?> source = (EnumerablePropertySource<?>) document;
				for (String name : source.getPropertyNames()) {
					properties.put(name, String.valueOf(source.getProperty(name)));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			throw new AssertionError(snippet.where() + " is not valid YAML: " + ex.getMessage(), ex);
		}
		return properties;
	}

	/** @return the {@code @ConfigurationProperties} classes under {@code cloudflare.kv}, by prefix */
	static Map<String, Class<?>> propertyClasses() {
		Map<String, Class<?>> classes = new TreeMap<>();
		ClassLoader loader = YamlSnippets.class.getClassLoader();
		JsonMapper json = JsonMapper.builder().build();
		try {
			Enumeration<URL> resources = loader.getResources("META-INF/spring-configuration-metadata.json");
			while (resources.hasMoreElements()) {
				try (InputStream in = resources.nextElement().openStream()) {
					for (JsonNode group : json.readTree(in).path("groups")) {
						String name = group.path("name").asString("");
						String type = group.path("type").asString("");
						if ((name.equals(PREFIX) || name.startsWith(PREFIX + ".")) && type.equals(group.path("sourceType").asString(""))
								&& group.path("sourceMethod").isMissingNode()) {
							Class<?> propertyClass = ClassUtils.resolveClassName(type, loader);
							if (propertyClass.isAnnotationPresent(ConfigurationProperties.class)) {
								classes.put(name, propertyClass);
							}
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return classes;
	}

	private static String causes(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			text.append((text.length() > 0) ? "; " : "").append(cause.getMessage());
		}
		return text.toString();
	}

}
