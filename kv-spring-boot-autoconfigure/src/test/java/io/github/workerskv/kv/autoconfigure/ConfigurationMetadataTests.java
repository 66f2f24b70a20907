package io.github.workerskv.kv.autoconfigure;

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

/**
 * The configuration processor ran, merged {@code additional-spring-configuration-metadata.json}, and
 * describes every {@code cloudflare.kv.*} key, so that IDEs complete and document each one.
 */
class ConfigurationMetadataTests {

	private static final Map<String, JsonNode> properties = new HashMap<>();

	private static final Map<String, JsonNode> hints = new HashMap<>();

	@BeforeAll
	static void readGeneratedMetadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode root = JsonMapper.builder().build().readTree(in);
			root.get("properties").forEach((p) -> properties.put(p.get("name").asString(), p));
			root.get("hints").forEach((h) -> hints.put(h.get("name").asString(), h));
		}
	}

	@Test
	void everyCoreKeyIsThereWithItsTypeAndADescription() {
		assertThat(properties).containsKeys("cloudflare.kv.mode", "cloudflare.kv.account-id", "cloudflare.kv.api-token",
				"cloudflare.kv.api-key", "cloudflare.kv.email", "cloudflare.kv.base-url", "cloudflare.kv.use-preview-ids",
				"cloudflare.kv.wrangler-config", "cloudflare.kv.namespaces", "cloudflare.kv.local.persist-path",
				"cloudflare.kv.http.connect-timeout", "cloudflare.kv.http.request-timeout");
		assertThat(properties.get("cloudflare.kv.local.persist-path").get("type").asString())
			.isEqualTo("java.nio.file.Path");
		assertThat(properties.get("cloudflare.kv.http.connect-timeout").get("type").asString())
			.isEqualTo("java.time.Duration");
	}

	@Test
	void everyKeyHasADescriptionThatFollowsBootsStyle() {
		assertThat(properties.values()).allSatisfy((p) -> {
			String description = p.path("description").asString();
			assertThat(description).as(p.get("name").asString()).isNotBlank().doesNotStartWith("The ")
				.doesNotStartWith("A ")
				.endsWith(".");
			if (p.get("type").asString().equals("java.lang.Boolean")) {
				assertThat(description).as(p.get("name").asString()).startsWith("Whether");
			}
		});
	}

	@Test
	void defaultsAreDeclared() {
		assertThat(properties.get("cloudflare.kv.mode").get("defaultValue").asString()).isEqualTo("local");
		assertThat(properties.get("cloudflare.kv.base-url").get("defaultValue").asString())
			.isEqualTo("https://api.cloudflare.com/client/v4");
		assertThat(properties.get("cloudflare.kv.use-preview-ids").get("defaultValue").asBoolean()).isFalse();
		assertThat(properties.get("cloudflare.kv.http.connect-timeout").get("defaultValue").asString()).isEqualTo("10s");
		assertThat(properties.get("cloudflare.kv.http.request-timeout").get("defaultValue").asString()).isEqualTo("60s");
		assertThat(properties.get("cloudflare.kv.http.idle-connection-timeout").get("defaultValue").asString())
			.isEqualTo("15s");
		assertThat(properties.get("cloudflare.kv.http.client").get("defaultValue").asString()).isEqualTo("auto");
		assertThat(properties.get("cloudflare.kv.http.client").get("description").asString()).contains("jetty-client");
	}

	@Test
	void retryPacingAndRateLimitKeysAreDescribedWithTheirDefaults() {
		assertThat(properties).containsKeys("cloudflare.kv.retry.max-retry-after", "cloudflare.kv.retry.multiplier");
		assertDefault("cloudflare.kv.retry.enabled", "true");
		assertDefault("cloudflare.kv.retry.max-attempts", "5");
		assertDefault("cloudflare.kv.retry.initial-backoff", "500ms");
		assertDefault("cloudflare.kv.retry.jitter", "0.25");
		assertDefault("cloudflare.kv.retry.max-backoff", "8s");
		assertDefault("cloudflare.kv.retry.deadline", "30s");
		assertDefault("cloudflare.kv.write-pacing.enabled", "false");
		assertDefault("cloudflare.kv.write-pacing.interval", "1s");
		assertDefault("cloudflare.kv.write-pacing.shutdown-timeout", "10s");
		assertDefault("cloudflare.kv.rate-limit.enabled", "false");
		assertDefault("cloudflare.kv.rate-limit.requests", "1200");
		assertDefault("cloudflare.kv.rate-limit.window", "5m");
		assertDefault("cloudflare.kv.rate-limit.max-wait", "5m");
		assertThat(properties.get("cloudflare.kv.retry.max-retry-after").get("type").asString())
			.isEqualTo("java.time.Duration");
		assertThat(properties.get("cloudflare.kv.retry.ambiguous-write-settle-time").get("type").asString())
			.isEqualTo("java.time.Duration");
		assertThat(properties.get("cloudflare.kv.retry.ambiguous-write-settle-time").has("defaultValue")).isFalse();
	}

	private static void assertDefault(String name, String value) {
		assertThat(properties).containsKey(name);
		assertThat(properties.get(name).get("defaultValue").asString()).as(name).isEqualTo(value);
	}

	@Test
	void startUpVerificationHealthTimeoutAndWranglerEnvironmentAreDescribed() {
		assertDefault("cloudflare.kv.verify-on-startup", "false");
		assertDefault("cloudflare.kv.verify-timeout", "5s");
		assertDefault("cloudflare.kv.health.timeout", "3s");
		assertThat(properties.get("cloudflare.kv.wrangler-environment").get("type").asString())
			.isEqualTo("java.lang.String");
		assertThat(properties.get("cloudflare.kv.wrangler-environment").get("description").asString())
			.contains("--env");
	}

	@Test
	void modeHintsListBothModesWithDescriptions() {
		List<String> values = new ArrayList<>();
		hints.get("cloudflare.kv.mode").get("values").forEach((v) -> {
			values.add(v.get("value").asString());
			assertThat(v.path("description").asString()).isNotBlank();
		});
		assertThat(values).containsExactly("local", "remote");
	}

	@Test
	void baseUrlHintsSuggestCloudflareAndTheEmulatorButAllowAnyValue() {
		JsonNode hint = hints.get("cloudflare.kv.base-url");
		List<String> values = new ArrayList<>();
		hint.get("values").forEach((v) -> values.add(v.get("value").asString()));
		assertThat(values).containsExactly("https://api.cloudflare.com/client/v4", "http://127.0.0.1:8787/client/v4");
		assertThat(hint.get("providers").get(0).get("name").asString()).isEqualTo("any");
	}

}
