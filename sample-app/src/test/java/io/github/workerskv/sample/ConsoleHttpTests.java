package io.github.workerskv.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample's default profile serves the KV console over MY_NAMESPACE on the embedded store, flag pages included. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsoleHttpTests {

	@LocalServerPort
	private int port;

	private QuickStartHttp http;

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	@Test
	void servesTheConsoleAndItsApiOverMyNamespace() throws Exception {
		HttpResponse<String> page = this.http.get("/kv-console/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>KV console</title>");
		HttpResponse<String> session = this.http.get("/kv-console/api/session");
		assertThat(session.body()).contains("\"kind\":\"embedded\"").contains("\"name\":\"MY_NAMESPACE\"");
	}

	@Test
	void seesWhatTheQuickStartWrites() throws Exception {
		this.http.post("/set/console-check", "seen");
		HttpResponse<String> value = this.http.get("/kv-console/api/value?ns=MY_NAMESPACE&key=console-check");
		assertThat(value.body()).contains("\"text\":\"seen\"");
	}

	@Test
	void showsTheFlagsThatTheAdminEndpointWrites() throws Exception {
		HttpResponse<String> session = this.http.get("/kv-console/api/session");
		assertThat(session.body()).contains("\"extensions\":[{\"name\":\"flags\",\"label\":\"Flags\"}]");
		assertThat(this.http.get("/kv-console/assets/flags.js").statusCode()).isEqualTo(200);
		HttpResponse<String> written = this.http.send(HttpRequest.newBuilder(this.http.uri("/admin/flags?by=ops"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"consoleCheck\": true}"))
			.build());
		assertThat(written.statusCode()).isEqualTo(200);
		HttpResponse<String> flags = this.http.get("/kv-console/api/flags");
		assertThat(flags.body()).contains("\"binding\":\"MY_NAMESPACE\"")
			.contains("\"flags\":{\"consoleCheck\":true}")
			.contains("\"updatedBy\":\"ops\"");
		HttpResponse<String> preview = this.http.get("/kv-console/api/flags/evaluate?key=alice");
		assertThat(preview.body()).contains("{\"name\":\"consoleCheck\",\"value\":true,\"variant\":null,\"reason\":\"STATIC\"");
	}

	@Test
	void redirectsTheBarePathToTheConsole() throws Exception {
		HttpResponse<String> bare = this.http.send(HttpRequest.newBuilder(this.http.uri("/kv-console")).GET().build());
		assertThat(bare.statusCode()).isEqualTo(302);
		assertThat(bare.headers().firstValue("Location")).hasValue("/kv-console/");
	}

}
