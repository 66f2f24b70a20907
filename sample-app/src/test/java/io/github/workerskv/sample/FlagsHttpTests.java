package io.github.workerskv.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag endpoints of the Workers KV docs' example over real HTTP on loopback, on the embedded store of
 * {@code application.yml}: {@code POST /admin/flags} writes the documents a Worker reads, with metadata, and
 * {@code GET /flags?user=...} answers that user's flags as the service evaluates them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FlagsHttpTests {

	private static final String MY_NAMESPACE_ID = "06779da6940b431db6e566b4846d64db";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private LocalKVStore store;

	private QuickStartHttp http;

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	@Test
	void theAdminWritesTheGlobalDocumentWithMetadataAndEveryUserWithoutADocumentGetsIt() throws Exception {
		HttpResponse<String> written = postJson("/admin/flags?by=ops&reason=launch",
				"{\"newCheckout\": true, \"theme\": \"dark\", \"checkoutV2\": {\"state\": \"ENABLED\", "
						+ "\"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"off\", "
						+ "\"targeting\": {\"if\": [{\"ends_with\": [{\"var\": \"targetingKey\"}, \"@staff\"]}, \"on\", null]}}}");
		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		JsonNode metadata = JSON.readTree(written.body());
		assertThat(metadata.get("updatedBy").asString()).isEqualTo("ops");
		assertThat(metadata.has("updatedAt")).isTrue();

		assertThat(json(this.http.get("/flags?user=carol")))
			.isEqualTo(JSON.readTree("{\"newCheckout\": true, \"theme\": \"dark\", \"checkoutV2\": false}"));
		assertThat(json(this.http.get("/flags?user=dana@staff")).get("checkoutV2").asBoolean()).isTrue();

		ValueWithMetadata<String> stored = this.store.namespace(MY_NAMESPACE_ID).getWithMetadata("flags:global");
		assertThat(JSON.readTree(stored.value()).get("theme").asString()).isEqualTo("dark");
		assertThat(stored.metadata().get("updatedBy").asString()).isEqualTo("ops");
		assertThat(stored.metadata().get("version").asLong()).isEqualTo(metadata.get("version").asLong());
	}

	@Test
	void aUsersDocumentReplacesTheGlobalOneForThatUserOnly() throws Exception {
		assertThat(postJson("/admin/flags", "{\"newCheckout\": false, \"theme\": \"light\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> written = postJson("/admin/flags?user=erin&by=support", "{\"newCheckout\": true}");
		assertThat(written.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(written.body()).get("version").asLong()).isEqualTo(1);

		assertThat(json(this.http.get("/flags?user=erin"))).isEqualTo(JSON.readTree("{\"newCheckout\": true}"));
		assertThat(json(this.http.get("/flags?user=frank")))
			.isEqualTo(JSON.readTree("{\"newCheckout\": false, \"theme\": \"light\"}"));
		assertThat(this.store.namespace(MY_NAMESPACE_ID).get("flags:user:erin")).isEqualTo("{\"newCheckout\":true}");
	}

	@Test
	void aStaleExpectedVersionIsRefusedWith409AndAnInvalidDefinitionWith400() throws Exception {
		HttpResponse<String> first = postJson("/admin/flags?user=gwen", "{\"a\": 1}");
		long version = JSON.readTree(first.body()).get("version").asLong();
		assertThat(postJson("/admin/flags?user=gwen&expectedVersion=" + version, "{\"a\": 2}").statusCode())
			.isEqualTo(200);

		HttpResponse<String> stale = postJson("/admin/flags?user=gwen&expectedVersion=" + version, "{\"a\": 3}");
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("version");
		HttpResponse<String> invalid = postJson("/admin/flags?user=gwen", "{\"a\": {\"state\": \"ON\", \"variants\": {}}}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("state");
		assertThat(json(this.http.get("/flags?user=gwen"))).isEqualTo(JSON.readTree("{\"a\": 2}"));
		HttpResponse<String> longUser = postJson("/admin/flags?user=" + "u".repeat(600), "{\"a\": 1}");
		assertThat(longUser.statusCode()).isEqualTo(400);
		assertThat(longUser.body()).contains("512");
	}

	@Test
	void theAuditTrailListsTheNewestChangeFirst() throws Exception {
		postJson("/admin/flags?user=hugo&by=ann&reason=beta", "{\"beta\": true}");
		postJson("/admin/flags?user=hugo&by=bob&reason=rollback", "{\"beta\": false}");

		JsonNode entries = json(this.http.get("/admin/flags/audit?limit=2")).get("entries");
		assertThat(entries.get(0).get("actor").asString()).isEqualTo("bob");
		assertThat(entries.get(0).get("reason").asString()).isEqualTo("rollback");
		assertThat(entries.get(0).get("before")).isEqualTo(JSON.readTree("{\"beta\": true}"));
		assertThat(entries.get(0).get("after")).isEqualTo(JSON.readTree("{\"beta\": false}"));
		assertThat(entries.get(1).get("actor").asString()).isEqualTo("ann");
	}

	private HttpResponse<String> postJson(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(this.http.uri(path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}
