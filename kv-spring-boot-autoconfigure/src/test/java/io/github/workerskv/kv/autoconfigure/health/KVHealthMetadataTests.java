package io.github.workerskv.kv.autoconfigure.health;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** IDEs complete and document the health check's keys: the generated metadata describes both. */
class KVHealthMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = KVHealthMetadataTests.class
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
	void managementHealthKvEnabledIsABooleanThatDefaultsToTrue() {
		JsonNode enabled = properties.get("management.health.kv.enabled");

		assertThat(enabled).isNotNull();
		assertThat(enabled.get("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(enabled.get("defaultValue").asBoolean()).isTrue();
		assertThat(enabled.get("description").asString()).startsWith("Whether");
	}

	@Test
	void cacheTimeToLiveIsADurationOfTenSeconds() {
		JsonNode ttl = properties.get("cloudflare.kv.health.cache-time-to-live");

		assertThat(ttl).isNotNull();
		assertThat(ttl.get("type").asString()).isEqualTo("java.time.Duration");
		assertThat(ttl.get("defaultValue").asString()).isEqualTo("10s");
		assertThat(ttl.get("description").asString()).startsWith("How long");
	}

}
