package io.github.workerskv.kv.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The console of {@code --console} over HTTP: its pages, its API behind the emulator's token, its writes. */
class ConsoleHandlerTest {

	private static final String TOKEN = "console-test-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static KVEmulator emulator;

	private static String namespaceId;

	@BeforeAll
	static void start() throws Exception {
		emulator = KVEmulator.start(KVEmulatorOptions.defaults().withToken(TOKEN).withConsole(true));
		HttpResponse<String> created = send(HttpRequest.newBuilder(api("/accounts/a/storage/kv/namespaces"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"sessions\"}")));
		namespaceId = JSON.readTree(created.body()).path("result").path("id").asString();
	}

	@AfterAll
	static void stop() {
		emulator.close();
	}

	@Test
	void servesThePagesWithoutTheTokenAndRedirectsToTheConsole() throws Exception {
		HttpResponse<String> page = send(HttpRequest.newBuilder(emulator.consoleUrl()).GET());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>KV console</title>");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'"));
		HttpResponse<String> bare = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emulator.port() + "/kv-console")).GET());
		assertThat(bare.statusCode()).isEqualTo(302);
		assertThat(bare.headers().firstValue("Location")).hasValue("/kv-console/");
		HttpResponse<String> root = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emulator.port() + "/")).GET());
		assertThat(root.headers().firstValue("Location")).hasValue("/kv-console/");
	}

	@Test
	void itsApiNeedsTheEmulatorsToken() throws Exception {
		HttpResponse<String> anonymous = send(HttpRequest.newBuilder(emulator.consoleUrl().resolve("api/session")).GET());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(anonymous.body()).path("error").asString()).contains("API token");
		HttpResponse<String> wrong = send(HttpRequest.newBuilder(emulator.consoleUrl().resolve("api/session"))
			.header("Authorization", "Bearer nope")
			.GET());
		assertThat(wrong.statusCode()).isEqualTo(401);
	}

	@Test
	void listsTheEmulatorsNamespacesByTitleAndWritesWhatTheRestApiReads() throws Exception {
		JsonNode session = JSON.readTree(console("GET", "api/session", null).body());
		assertThat(session.path("backend").path("kind").asString()).isEqualTo("emulator");
		assertThat(session.path("namespaces").findValuesAsString("name")).contains("sessions");
		assertThat(session.toString()).doesNotContain(TOKEN);
		String writeToken = session.path("writeHeaders").path("X-KV-Console-Token").asString();

		HttpResponse<String> put = send(HttpRequest.newBuilder(emulator.consoleUrl().resolve("api/value?ns=sessions"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("X-KV-Console-Token", writeToken)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"key\":\"user 1+2\",\"value\":\"hello\"}")));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

		HttpResponse<String> read = send(HttpRequest.newBuilder(api("/accounts/a/storage/kv/namespaces/" + namespaceId
				+ "/values/user%201%2B2")).header("Authorization", "Bearer " + TOKEN).GET());
		assertThat(read.body()).isEqualTo("hello");
		JsonNode keys = JSON.readTree(console("GET", "api/keys?ns=sessions&prefix=user+1", null).body());
		assertThat(keys.path("keys").findValuesAsString("name")).containsExactly("user 1+2");
	}

	@Test
	void anEmulatorWithoutTheConsoleHasNone() throws Exception {
		try (KVEmulator plain = KVEmulator.start(KVEmulatorOptions.defaults())) {
			HttpResponse<String> page = send(HttpRequest.newBuilder(plain.consoleUrl()).GET());
			assertThat(page.statusCode()).isEqualTo(404);
			assertThat(page.body()).doesNotContain("KV console");
		}
	}

	private static HttpResponse<String> console(String method, String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(emulator.consoleUrl().resolve(path))
			.header("Authorization", "Bearer " + TOKEN)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	private static URI api(String path) {
		return URI.create(emulator.baseUrl() + path);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
