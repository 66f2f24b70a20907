package io.github.workerskv.sample;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.BeforeEach;
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

	@LocalServerPort
	private int port;

	private QuickStartHttp http;

	@Autowired
	private LocalKVStore store;

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	@Test
	void setThenGetAnswersTheStoredValue() throws Exception {
		HttpResponse<String> set = this.http.post("/set/greeting", "Hello, KV!");
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(set.body()).isEqualTo("{\"success\":true,\"key\":\"greeting\"}");

		HttpResponse<String> get = this.http.get("/get/greeting");
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(get.body()).isEqualTo("{\"value\":\"Hello, KV!\"}");
	}

	@Test
	void setWritesToTheNamespaceIdConfiguredForMyNamespace() throws Exception {
		assertThat(this.http.post("/set/configured", "yes").statusCode()).isEqualTo(200);
		assertThat(this.store.namespace(MY_NAMESPACE_ID).get("configured")).isEqualTo("yes");
	}

	@Test
	void setStoresTheRawBodyEvenWhenSentAsAForm() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(this.http.uri("/set/form"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("a=1&b=two words ü", StandardCharsets.UTF_8))
			.build();
		assertThat(this.http.send(request).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/get/form").body()).isEqualTo("{\"value\":\"a=1&b=two words ü\"}");
	}

	@Test
	void getOfAMissingKeyAnswers404NotFound() throws Exception {
		HttpResponse<String> get = this.http.get("/get/never-set");
		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(get.body()).isEqualTo("{\"error\":\"Not found\"}");
	}

	@Test
	void keyOver512BytesAnswers400WithKVsMessageAndStoresNothing() throws Exception {
		String key = "k".repeat(600);
		String message = "{\"error\":\"UTF-8 encoded length of 600 exceeds key length limit of 512.\"}";

		HttpResponse<String> set = this.http.post("/set/" + key, "value");
		assertThat(set.statusCode()).isEqualTo(400);
		assertThat(set.body()).isEqualTo(message);

		HttpResponse<String> get = this.http.get("/get/" + key);
		assertThat(get.statusCode()).isEqualTo(400);
		assertThat(get.body()).isEqualTo(message);
		assertThat(this.store.namespace(MY_NAMESPACE_ID).list().keys()).noneMatch((k) -> k.name().equals(key));
	}

}
