package io.github.workerskv.kv.autoconfigure.configdata;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code cloudflare.kv.config.*} key is in the generated metadata, described, with its default. */
class KVConfigDataMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = KVConfigDataMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonMapper.builder().build().readTree(in).get("properties")
				.forEach((p) -> properties.put(p.get("name").asString(), p));
		}
	}

	@Test
	void everyKeyIsDescribedWithItsType() {
		assertThat(properties).containsKeys("cloudflare.kv.config.key-separator",
				"cloudflare.kv.config.profile-separator", "cloudflare.kv.config.refresh-interval",
				"cloudflare.kv.config.secret-suffixes", "cloudflare.kv.config.seed");
		assertThat(properties.get("cloudflare.kv.config.refresh-interval").get("type").asString())
			.isEqualTo("java.time.Duration");
		List.of("key-separator", "profile-separator", "refresh-interval", "secret-suffixes", "seed")
			.forEach((name) -> assertThat(properties.get("cloudflare.kv.config." + name).path("description").asString())
				.as(name)
				.isNotBlank()
				.endsWith("."));
	}

	@Test
	void defaultsAreDeclared() {
		assertThat(properties.get("cloudflare.kv.config.key-separator").get("defaultValue").asString()).isEqualTo("/");
		assertThat(properties.get("cloudflare.kv.config.profile-separator").get("defaultValue").asString())
			.isEqualTo(",");
		List<String> suffixes = properties.get("cloudflare.kv.config.secret-suffixes")
			.get("defaultValue")
			.valueStream()
			.map(JsonNode::asString)
			.toList();
		assertThat(suffixes).containsExactly("password", "secret", "token", "key", "credentials");
		assertThat(properties.get("cloudflare.kv.config.refresh-interval").has("defaultValue")).isFalse();
	}

}
