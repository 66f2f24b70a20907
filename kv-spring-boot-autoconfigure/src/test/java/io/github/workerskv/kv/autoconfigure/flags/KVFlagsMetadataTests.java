package io.github.workerskv.kv.autoconfigure.flags;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code cloudflare.kv.flags.*} key is described, with its default, so that IDEs complete and document it. */
class KVFlagsMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	private static final Map<String, JsonNode> hints = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = KVFlagsMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(in);
			root.get("properties").forEach((p) -> properties.put(p.get("name").asString(), p));
			root.get("hints").forEach((h) -> hints.put(h.get("name").asString(), h));
		}
	}

	@Test
	void everyFlagsKeyIsDescribedWithItsDefault() {
		assertDefault("cloudflare.kv.flags.enabled", "true");
		assertDefault("cloudflare.kv.flags.key-prefix", "flags:");
		assertDefault("cloudflare.kv.flags.mode", "replace");
		assertDefault("cloudflare.kv.flags.refresh-interval", "60s");
		assertDefault("cloudflare.kv.flags.user-cache-size", "10000");
		assertDefault("cloudflare.kv.flags.user-load-timeout", "1s");
		assertDefault("cloudflare.kv.flags.rule-evaluation", "interpreted");
		assertDefault("cloudflare.kv.flags.audit.prefix", "flags-audit:");
		assertDefault("cloudflare.kv.flags.audit.retention", "90d");
		assertDefault("management.health.flags.enabled", "true");
		assertDefault("management.endpoint.flags.access", "read_only");
		assertThat(properties).containsKeys("cloudflare.kv.flags.binding", "cloudflare.kv.flags.defaults");
		assertThat(properties.get("cloudflare.kv.flags.refresh-interval").get("type").asString())
			.isEqualTo("java.time.Duration");
		properties.forEach((name, property) -> {
			if (name.startsWith("cloudflare.kv.flags.")) {
				assertThat(property.path("description").asString()).as(name).isNotBlank().endsWith(".");
			}
		});
	}

	@Test
	void modeAndRuleEvaluationHintsDescribeEveryValue() {
		assertThat(values("cloudflare.kv.flags.mode")).containsExactly("replace", "merge");
		assertThat(values("cloudflare.kv.flags.rule-evaluation")).containsExactly("interpreted", "compiled");
	}

	private static List<String> values(String name) {
		List<String> values = new ArrayList<>();
		hints.get(name).get("values").forEach((v) -> {
			values.add(v.get("value").asString());
			assertThat(v.path("description").asString()).as(name + "=" + v.get("value")).isNotBlank();
		});
		return values;
	}

	private static void assertDefault(String name, String value) {
		assertThat(properties).containsKey(name);
		assertThat(properties.get(name).get("defaultValue").asString()).as(name).isEqualTo(value);
		assertThat(properties.get(name).path("description").asString()).as(name).isNotBlank();
	}

}
