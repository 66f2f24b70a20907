package io.github.workerskv.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;

import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The Quick Start endpoints over real HTTP on loopback, against the binding from {@code application.yml}. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuickStartHttpTests {

	private static final String MY_NAMESPACE_ID = "06779da6940b431db6e566b4846d64db";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Autowired
	private LocalKVStore store;

	@Test
	void setThenGetAnswersTheStoredValue() throws Exception {
		HttpResponse<String> set = post("/set/greeting", "Hello, KV!");
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(set.body()).isEqualTo("{\"success\":true,\"key\":\"greeting\"}");

		HttpResponse<String> get = get("/get/greeting");
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(get.body()).isEqualTo("{\"value\":\"Hello, KV!\"}");
	}

	@Test
	void setWritesToTheNamespaceIdConfiguredForMyNamespace() throws Exception {
		assertThat(post("/set/configured", "yes").statusCode()).isEqualTo(200);
		assertThat(this.store.namespace(MY_NAMESPACE_ID).get("configured")).isEqualTo("yes");
	}

	@Test
	void setStoresTheRawBodyEvenWhenSentAsAForm() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/set/form"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("a=1&b=two words ü", StandardCharsets.UTF_8))
			.build();
		assertThat(this.http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(get("/get/form").body()).isEqualTo("{\"value\":\"a=1&b=two words ü\"}");
	}

	@Test
	void getOfAMissingKeyAnswers404NotFound() throws Exception {
		HttpResponse<String> get = get("/get/never-set");
		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(get.body()).isEqualTo("{\"error\":\"Not found\"}");
	}

	@Test
	void keyOver512BytesAnswers400WithKVsMessageAndStoresNothing() throws Exception {
		String key = "k".repeat(600);
		String message = "{\"error\":\"UTF-8 encoded length of 600 exceeds key length limit of 512.\"}";

		HttpResponse<String> set = post("/set/" + key, "value");
		assertThat(set.statusCode()).isEqualTo(400);
		assertThat(set.body()).isEqualTo(message);

		HttpResponse<String> get = get("/get/" + key);
		assertThat(get.statusCode()).isEqualTo(400);
		assertThat(get.body()).isEqualTo(message);
		assertThat(this.store.namespace(MY_NAMESPACE_ID).list().keys()).noneMatch((k) -> k.name().equals(key));
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "text/plain; charset=UTF-8")
			.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return this.http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).GET().build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
