package io.github.workerskv.kv.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property that has a default in code declares it in the configuration metadata, with the same value:
 * each {@code @ConfigurationProperties} class of this module (found on the class path, so that classes added
 * later are covered too) is created as binding creates it, its getters are walked, nested groups included, and
 * every non-null value that is not an empty collection is looked up in the generated
 * {@code spring-configuration-metadata.json}, whose {@code defaultValue} is converted as binding would convert
 * it and compared. Properties that are {@code null} until set (inherited or optional settings) have no default
 * in code; the cache's inherited ones are compared with the library's defaults in
 * {@code KVCacheMetadataTests}.
 */
class ConfigurationPropertiesDefaultsTests {

	private static final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	private static final Map<String, JsonNode> metadata = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = ConfigurationPropertiesDefaultsTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonMapper.builder().build().readTree(in).get("properties").forEach((p) -> metadata.put(p.get("name").asString(), p));
		}
	}

	@Test
	void everyConfigurationPropertiesClassOfTheModuleIsFound() {
		assertThat(configurationPropertiesClasses()).contains(KVProperties.class,
				io.github.workerskv.kv.autoconfigure.cache.KVCacheProperties.class,
				io.github.workerskv.kv.autoconfigure.health.KVHealthProperties.class);
	}

	@Test
	void everyDefaultInCodeIsTheDefaultValueOfTheMetadata() {
		List<String> problems = new ArrayList<>();
		int checked = 0;
		for (Class<?> type : configurationPropertiesClasses()) {
			for (Map.Entry<String, Object> entry : defaults(prefix(type), BeanUtils.instantiateClass(type)).entrySet()) {
				checked++;
				String problem = problem(entry.getKey(), entry.getValue());
				if (problem != null) {
					problems.add(problem);
				}
			}
		}
		assertThat(checked).as("defaults found in code").isGreaterThan(25);
		assertThat(problems).isEmpty();
	}

	/** @return why the metadata does not declare this default, or {@code null} when it does */
	private static @Nullable String problem(String name, Object value) {
		JsonNode property = metadata.get(name);
		if (property == null) {
			return name + " is not in the metadata";
		}
		JsonNode declared = property.get("defaultValue");
		if (declared == null || declared.isNull()) {
			return name + " has the default " + value + " in code but no defaultValue in the metadata";
		}
		Object converted = conversion.convert(declared.isArray() ? toList(declared) : declared.asString(),
				value.getClass());
		if (!Objects.equals(converted, value)) {
			return name + " has the default " + value + " in code but " + declared + " in the metadata";
		}
		return null;
	}

	private static List<String> toList(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/** The non-null values of a freshly created properties object, by property name, nested groups walked. */
	private static Map<String, Object> defaults(String prefix, Object bean) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(bean.getClass())) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			Object value;
			try {
				value = descriptor.getReadMethod().invoke(bean);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			String name = prefix + "." + kebab(descriptor.getName());
			if (value == null || isEmptyContainer(value)) {
				continue;
			}
			if (isGroup(value.getClass())) {
				defaults.putAll(defaults(name, value));
			}
			else {
				defaults.put(name, value);
			}
		}
		return defaults;
	}

	private static boolean isEmptyContainer(Object value) {
		return (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

	/** A nested group of properties: one of the module's own classes that is not a value (an enum, say). */
	private static boolean isGroup(Class<?> type) {
		return type.getName().startsWith("io.github.workerskv.") && !type.isEnum() && !type.isRecord()
				&& !ClassUtils.isPrimitiveOrWrapper(type);
	}

	private static String kebab(String name) {
		return name.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
	}

	private static String prefix(Class<?> type) {
		MergedAnnotation<ConfigurationProperties> annotation = MergedAnnotations.from(type)
			.get(ConfigurationProperties.class);
		String prefix = annotation.getString("prefix");
		return prefix.isEmpty() ? annotation.getString("value") : prefix;
	}

	/** Every {@code @ConfigurationProperties} class compiled from this module's main sources. */
	private static List<Class<?>> configurationPropertiesClasses() {
		URL module = KVProperties.class.getProtectionDomain().getCodeSource().getLocation();
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<Class<?>> classes = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("io.github.workerskv")) {
			Class<?> type = ClassUtils.resolveClassName(Objects.requireNonNull(candidate.getBeanClassName()), null);
			if (module.equals(type.getProtectionDomain().getCodeSource().getLocation())) {
				classes.add(type);
			}
		}
		return classes;
	}

}
