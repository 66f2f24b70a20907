package io.github.workerskv.kv.autoconfigure.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs complete and document every {@code cloudflare.kv.repositories.*} key: the generated metadata describes each. */
class KVRepositoriesMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = KVRepositoriesMetadataTests.class
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
	void everyRepositoriesKeyIsThereWithItsTypeAndADescription() {
		Map<String, String> expected = Map.of("cloudflare.kv.repositories.enabled", "java.lang.Boolean",
				"cloudflare.kv.repositories.binding", "java.lang.String", "cloudflare.kv.repositories.key-separator",
				"java.lang.String", "cloudflare.kv.repositories.time-to-live",
				"java.util.Map<java.lang.String,java.time.Duration>");
		expected.forEach((name, type) -> {
			assertThat(properties).as(name).containsKey(name);
			assertThat(properties.get(name).get("type").asString()).as(name).isEqualTo(type);
			assertThat(properties.get(name).get("description").asString()).as(name).isNotBlank();
		});
	}

	@Test
	void defaultsAreDeclared() {
		assertThat(properties.get("cloudflare.kv.repositories.enabled").get("defaultValue").asBoolean()).isTrue();
		assertThat(properties.get("cloudflare.kv.repositories.key-separator").get("defaultValue").asString())
			.isEqualTo(":");
		assertThat(properties.get("cloudflare.kv.repositories.binding").has("defaultValue")).isFalse();
	}

}
