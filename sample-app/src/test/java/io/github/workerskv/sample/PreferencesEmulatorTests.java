package io.github.workerskv.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.test.AutoConfigureKVEmulator;
import io.github.workerskv.kv.test.KVEmulatorNamespaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /preferences} against the KV emulator, over Cloudflare's REST API on loopback: the same JSON reaches
 * the namespace through HTTP, and the emulator's request counts show what each endpoint costs in KV requests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "cloudflare.kv.console.enabled=false")
@AutoConfigureKVEmulator
class PreferencesEmulatorTests {

	@LocalServerPort
	private int port;

	private QuickStartHttp http;

	@Autowired
	private KVEmulatorNamespaces emulated;

	@Autowired
	private KVEmulator emulator;

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	private HttpResponse<String> put(String path, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(this.http.uri(path))
			.header("Content-Type", "application/json")
			.PUT(BodyPublishers.ofString(json))
			.build());
	}

	private long kvRequests(Call call) throws Exception {
		this.emulator.resetStats();
		call.run();
		return this.emulator.stats().requests();
	}

	@Test
	void preferencesAreStoredThroughTheRestApiAsPlainJson() throws Exception {
		HttpResponse<String> saved = put("/preferences/ada", "{\"theme\":\"dark\",\"language\":\"en\"}");
		HttpResponse<String> read = this.http.get("/preferences/ada");

		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo("{\"userId\":\"ada\",\"theme\":\"dark\",\"language\":\"en\"}");
		assertThat(this.emulated.backing("MY_NAMESPACE").get("preferences:ada"))
			.isEqualTo("{\"userId\":\"ada\",\"theme\":\"dark\",\"language\":\"en\"}");
	}

	@Test
	void eachEndpointCostsTheKVRequestsTheReadmeLists() throws Exception {
		for (int i = 0; i < 5; i++) {
			put("/preferences/mono" + i, "{\"theme\":\"monokai\",\"language\":\"pt\"}");
		}

		long save = kvRequests(() -> put("/preferences/mono9", "{\"theme\":\"monokai\",\"language\":\"pt\"}"));
		long read = kvRequests(() -> this.http.get("/preferences/mono9"));
		long byTheme = kvRequests(() -> assertThat(this.http.get("/preferences?theme=monokai&size=3").body())
			.contains("\"count\":6").endsWith("\"hasNext\":true}"));

		System.out.printf("KV requests: PUT=%d GET=%d GET ?theme (count + slice of 3)=%d%n", save, read, byTheme);
		assertThat(save).as("the previous value is read, then the new one written").isEqualTo(2);
		assertThat(read).isEqualTo(1);
		assertThat(byTheme).as("count: 1 list; slice: 1 list + 1 bulk read of its 3 values").isEqualTo(3);
	}

	@FunctionalInterface
	interface Call {

		void run() throws Exception;

	}

}
