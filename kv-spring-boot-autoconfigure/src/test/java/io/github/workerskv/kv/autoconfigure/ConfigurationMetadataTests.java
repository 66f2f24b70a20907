package io.github.workerskv.kv.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration processor ran and described every property from its field Javadoc. */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasATypeAndADescription() throws IOException {
		Map<String, JsonNode> properties = new HashMap<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonMapper.builder()
				.build()
				.readTree(in)
				.get("properties")
				.forEach((p) -> properties.put(p.get("name").asString(), p));
		}
		assertThat(properties).containsOnlyKeys("cloudflare.kv.namespaces", "cloudflare.kv.local.persist-path");
		assertThat(properties.get("cloudflare.kv.local.persist-path").get("type").asString())
			.isEqualTo("java.nio.file.Path");
		assertThat(properties.values()).allSatisfy((p) -> assertThat(p.path("description").asString()).isNotBlank());
	}

}
