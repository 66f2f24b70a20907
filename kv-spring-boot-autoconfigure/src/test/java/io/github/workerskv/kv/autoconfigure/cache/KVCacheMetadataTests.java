package io.github.workerskv.kv.autoconfigure.cache;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs complete and document every {@code cloudflare.kv.cache.*} key: the generated metadata describes each. */
class KVCacheMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = KVCacheMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonMapper.builder()
				.build()
				.readTree(in)
				.get("properties")
				.forEach((p) -> properties.put(p.get("name").asString(), p));
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

}
