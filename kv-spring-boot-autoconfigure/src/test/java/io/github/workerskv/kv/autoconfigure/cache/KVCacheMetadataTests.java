package io.github.workerskv.kv.autoconfigure.cache;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.spring.cache.KVCacheConfiguration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs complete and document every {@code cloudflare.kv.cache.*} key: the generated metadata describes each. */
class KVCacheMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	private static final Map<String, JsonNode> hints = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = KVCacheMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(in);
			root.get("properties").forEach((p) -> properties.put(p.get("name").asString(), p));
			root.get("hints").forEach((h) -> hints.put(h.get("name").asString(), h));
		}
	}

	@Test
	void everyCacheKeyIsThereWithItsType() {
		Map<String, String> expected = Map.ofEntries(Map.entry("cloudflare.kv.cache.binding", "java.lang.String"),
				Map.entry("cloudflare.kv.cache.create-missing-caches", "java.lang.Boolean"),
				Map.entry("cloudflare.kv.cache.fail-open", "java.lang.Boolean"),
				Map.entry("cloudflare.kv.cache.enable-statistics", "java.lang.Boolean"),
				Map.entry("cloudflare.kv.cache.allowed-types", "java.util.List<java.lang.String>"),
				Map.entry("cloudflare.kv.cache.default.time-to-live", "java.time.Duration"),
				Map.entry("cloudflare.kv.cache.default.cache-null-values", "java.lang.Boolean"),
				Map.entry("cloudflare.kv.cache.default.key-prefix", "java.lang.String"),
				Map.entry("cloudflare.kv.cache.default.value-type", "java.lang.Class<?>"),
				Map.entry("cloudflare.kv.cache.default.near-cache.enabled", "java.lang.Boolean"),
				Map.entry("cloudflare.kv.cache.default.near-cache.maximum-size", "java.lang.Long"),
				Map.entry("cloudflare.kv.cache.default.near-cache.time-to-live", "java.time.Duration"));
		expected.forEach((name, type) -> {
			assertThat(properties).as(name).containsKey(name);
			assertThat(properties.get(name).get("type").asString()).as(name).isEqualTo(type);
			assertThat(properties.get(name).get("description").asString()).as(name).isNotBlank();
		});
		assertThat(properties.get("cloudflare.kv.cache.caches").get("type").asString()).startsWith("java.util.Map");
	}

	@Test
	void switchesDeclareTheirDefaults() {
		assertThat(properties.get("cloudflare.kv.cache.create-missing-caches").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("cloudflare.kv.cache.fail-open").get("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("cloudflare.kv.cache.enable-statistics").get("defaultValue").asBoolean()).isTrue();
	}

	/**
	 * The inherited settings under {@code default} are {@code null} in code (so that {@code caches.<name>} can
	 * inherit them); their metadata defaults are the library's: set to those values, nothing changes.
	 */
	@Test
	void defaultsOfInheritedSettingsAreTheLibrarysOwn() {
		Map<String, String> declared = new LinkedHashMap<>();
		properties.forEach((name, property) -> {
			if (name.startsWith("cloudflare.kv.cache.default.") && property.hasNonNull("defaultValue")) {
				declared.put(name, property.get("defaultValue").asString());
			}
		});
		assertThat(declared).containsOnlyKeys("cloudflare.kv.cache.default.time-to-live",
				"cloudflare.kv.cache.default.cache-null-values", "cloudflare.kv.cache.default.key-prefix",
				"cloudflare.kv.cache.default.value-format", "cloudflare.kv.cache.default.near-cache.maximum-size",
				"cloudflare.kv.cache.default.near-cache.time-to-live");
		KVCacheProperties unset = new KVCacheProperties();
		KVCacheProperties setToTheirDefaults = new Binder(new MapConfigurationPropertySource(declared))
			.bind(KVCacheProperties.PREFIX, KVCacheProperties.class)
			.get();
		assertThat(setToTheirDefaults.getDefault().getTimeToLive()).isNotNull();

		KVCacheConfiguration library = configurations(unset).defaults();
		KVCacheConfiguration explicit = configurations(setToTheirDefaults).defaults();

		assertThat(explicit.ttlFunction().getTimeToLive("key", "value"))
			.isEqualTo(library.ttlFunction().getTimeToLive("key", "value"));
		assertThat(explicit.cacheNullValues()).isEqualTo(library.cacheNullValues());
		assertThat(explicit.keyPrefix()).isEqualTo(library.keyPrefix());
		assertThat(explicit.valueCodec()).hasToString(library.valueCodec().toString());
		assertThat(explicit.nearCacheEnabled()).isEqualTo(library.nearCacheEnabled());
		assertThat(explicit.nearCacheMaximumSize()).isEqualTo(library.nearCacheMaximumSize());
		assertThat(explicit.nearCacheTtl()).isEqualTo(library.nearCacheTtl());
		assertThat(library.ttlFunction().getTimeToLive("key", "value")).isEqualTo(Duration.ZERO);
		assertThat(library.cacheNullValues()).isTrue();
		assertThat(library.keyPrefix()).isEmpty();
		assertThat(library.nearCacheMaximumSize()).isEqualTo(10_000);
		assertThat(library.nearCacheTtl()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void valueFormatsAreHintedWithDescriptions() {
		List<String> values = new ArrayList<>();
		hints.get("cloudflare.kv.cache.default.value-format").get("values").forEach((value) -> {
			values.add(value.get("value").asString());
			assertThat(value.get("description").asString()).isNotBlank();
		});
		assertThat(values).containsExactly("json", "java");
		assertThat(Arrays.stream(KVCacheProperties.ValueFormat.values()).map((format) -> format.name().toLowerCase()))
			.containsExactlyElementsOf(values);
	}

	@Test
	void bindingIsHintedAsTheNameOfAKVNamespaceBean() {
		JsonNode provider = hints.get("cloudflare.kv.cache.binding").get("providers").get(0);

		assertThat(provider.get("name").asString()).isEqualTo("spring-bean-reference");
		assertThat(provider.get("parameters").get("target").asString()).isEqualTo(KVNamespace.class.getName());
	}

	private static KVCacheConfigurations configurations(KVCacheProperties properties) {
		return new KVCacheConfigurations(properties, List.of(), KVCacheMetadataTests.class.getClassLoader());
	}

}
