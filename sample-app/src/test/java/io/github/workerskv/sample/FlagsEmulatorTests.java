package io.github.workerskv.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.workerskv.kv.ValueWithMetadata;
import io.github.workerskv.kv.test.AutoConfigureKVEmulator;
import io.github.workerskv.kv.test.KVEmulatorNamespaces;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag endpoints against the KV emulator, over Cloudflare's REST API on loopback: the admin's documents and
 * metadata land in the emulated namespace as a Worker would read them, and the service answers from them.
 */
// Remote mode against the emulator, where the sample (without Spring Security) may not serve its console.
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "cloudflare.kv.console.enabled=false")
@AutoConfigureKVEmulator
class FlagsEmulatorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private KVEmulatorNamespaces emulated;

	@Test
	void writtenDocumentsAreStoredOverHttpAndAnsweredPerUser() throws Exception {
		QuickStartHttp http = new QuickStartHttp(this.port);
		HttpResponse<String> global = http.send(HttpRequest.newBuilder(http.uri("/admin/flags?by=ops"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"newCheckout\": true, \"theme\": \"dark\"}", StandardCharsets.UTF_8))
			.build());
		assertThat(global.statusCode()).as(global.body()).isEqualTo(200);
		HttpResponse<String> user = http.send(HttpRequest.newBuilder(http.uri("/admin/flags?user=ivy&by=ops"))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"newCheckout\": false}", StandardCharsets.UTF_8))
			.build());
		assertThat(user.statusCode()).isEqualTo(200);

		ValueWithMetadata<String> stored = this.emulated.backing("MY_NAMESPACE").getWithMetadata("flags:global");
		assertThat(stored.value()).isEqualTo("{\"newCheckout\":true,\"theme\":\"dark\"}");
		assertThat(stored.metadata().propertyNames()).containsExactly("updatedAt", "updatedBy", "version");
		assertThat(this.emulated.backing("MY_NAMESPACE").get("flags:user:ivy")).isEqualTo("{\"newCheckout\":false}");

		assertThat(JSON.readTree(http.get("/flags?user=jack").body()))
			.isEqualTo(JSON.readTree("{\"newCheckout\": true, \"theme\": \"dark\"}"));
		JsonNode ivy = JSON.readTree(http.get("/flags?user=ivy").body());
		assertThat(ivy).isEqualTo(JSON.readTree("{\"newCheckout\": false}"));
	}

}
