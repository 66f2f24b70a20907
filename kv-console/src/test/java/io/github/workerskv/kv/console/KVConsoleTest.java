package io.github.workerskv.kv.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.workerskv.kv.console.ConsoleCalls.body;
import static io.github.workerskv.kv.console.ConsoleCalls.json;
import static io.github.workerskv.kv.console.ConsoleCalls.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KVConsoleTest {

	private LocalKVStore store;

	private KVNamespace cache;

	private KVNamespace flags;

	private KVConsole console;

	private ConsoleCalls calls;

	@BeforeEach
	void start() {
		this.store = LocalKVStore.inMemory();
		this.cache = this.store.namespace("cache-id");
		this.flags = this.store.namespace("flags-id");
		this.console = KVConsole.create(ConsoleBackend.of(ConsoleBackendKind.EMBEDDED, "embedded store in memory",
				List.of(new ConsoleNamespace("CACHE", this.cache, false), new ConsoleNamespace("FLAGS", this.flags, true))));
		this.calls = new ConsoleCalls(this.console);
	}

	@AfterEach
	void stop() {
		this.store.close();
	}

	@Test
	void servesItsPageAndAssetsWithAPolicyThatAllowsOnlyItsOwnScripts() {
		ConsoleResponse page = this.calls.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(body(page)).contains("<script type=\"module\" src=\"assets/app.js\">").doesNotContain("http");
		assertThat(page.headers().get("Content-Security-Policy")).contains("script-src 'self'")
			.contains("frame-ancestors 'none'");
		for (String asset : List.of("app.js", "api.js", "dom.js", "browser.js", "console.css", "icon.svg")) {
			ConsoleResponse response = this.calls.get("/assets/" + asset);
			assertThat(response.status()).as(asset).isEqualTo(200);
			// Nothing is loaded from elsewhere (an SVG's namespace name is not a URL that is fetched).
			String text = body(response).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
			assertThat(text).as(asset).doesNotContain("https://").doesNotContain("http://");
		}
		assertThat(this.calls.get("/assets/app.js").contentType()).isEqualTo("text/javascript;charset=utf-8");
	}

	@Test
	void answersAnUnchangedAssetWithNotModified() {
		String etag = this.calls.get("/assets/app.js").headers().get("ETag");
		ConsoleResponse again = this.console
			.handle(ConsoleRequest.of("GET", "/assets/app.js").withHeaders(Map.of("if-none-match", etag)));
		assertThat(again.status()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
	}

	@Test
	void findsNoFileOutsideItsAssets() {
		for (String path : List.of("/assets/../KVConsole.class", "/assets/app.js/", "/META-INF/MANIFEST.MF",
				"/assets/Missing.js", "/assets/missing.js", "/../index.html")) {
			ConsoleResponse response = this.calls.get(path);
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.contentType()).as(path).startsWith("text/html");
		}
	}

	@Test
	void sessionNamesTheBackendAndTheNamespacesAndHandsOutTheWriteToken() {
		JsonNode session = this.calls.session();
		assertThat(session.path("backend").path("kind").asString()).isEqualTo("embedded");
		assertThat(session.path("backend").path("label").asString()).isEqualTo("Embedded store");
		assertThat(session.path("namespaces").findValuesAsString("name")).containsExactly("CACHE", "FLAGS");
		assertThat(session.path("namespaces").get(1).path("production").asBoolean()).isTrue();
		assertThat(session.path("writeHeaders").path("X-KV-Console-Token").asString()).hasSizeGreaterThanOrEqualTo(40);
	}

	@Test
	void refusesAWriteWithoutTheTokenAndWritesNothing() {
		ConsoleResponse response = this.console.handle(ConsoleRequest.of("PUT", "/api/value")
			.withQuery(Map.of("ns", "CACHE"))
			.withBody("{\"key\":\"k\",\"value\":\"v\"}".getBytes(StandardCharsets.UTF_8)));
		assertThat(response.status()).isEqualTo(403);
		assertThat(json(response).path("error").asString()).contains("X-KV-Console-Token");
		ConsoleResponse wrong = this.calls.write("DELETE", "/api/value", "", Map.of(ConsoleApi.TOKEN_HEADER, "guess"),
				"ns", "CACHE", "key", "k");
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(this.cache.get("k")).isNull();
	}

	@Test
	void putsAValueWithMetadataAndTimeToLiveThroughTheNamespace() {
		long before = Instant.now().getEpochSecond();
		ConsoleResponse response = this.calls.write("PUT", "/api/value",
				"{\"key\":\"user:1\",\"value\":\"{\\\"name\\\":\\\"Ada\\\"}\",\"metadata\":\"{\\\"owner\\\":\\\"ada\\\"}\",\"expirationTtl\":\"3600\"}",
				"ns", "CACHE");
		assertThat(response.status()).as(body(response)).isEqualTo(200);
		var stored = this.cache.getWithMetadata("user:1");
		assertThat(stored.value()).isEqualTo("{\"name\":\"Ada\"}");
		assertThat(stored.metadata().path("owner").asString()).isEqualTo("ada");
		assertThat(stored.expiration()).isBetween(before + 3600, Instant.now().getEpochSecond() + 3600);

		JsonNode view = json(this.calls.get("/api/value", "ns", "CACHE", "key", "user:1"));
		assertThat(view.path("kind").asString()).isEqualTo("json");
		assertThat(view.path("pretty").asString()).contains("\n").contains("\"name\" : \"Ada\"");
		assertThat(view.path("text").asString()).isEqualTo("{\"name\":\"Ada\"}");
		assertThat(view.path("metadata").path("owner").asString()).isEqualTo("ada");
		assertThat(view.path("expiration").asLong()).isEqualTo(stored.expiration());
	}

	@Test
	void refusesWhatTheApiRefusesWithTheApiMessageNextToTheField() {
		String longKey = "k".repeat(513);
		String apiMessage = apiMessage(() -> this.cache.put(longKey, "v"));
		ConsoleResponse response = this.calls.write("PUT", "/api/value",
				"{\"key\":" + quote(longKey) + ",\"value\":\"v\"}", "ns", "CACHE");
		assertThat(response.status()).isEqualTo(414);
		assertThat(json(response).path("error").asString()).isEqualTo(apiMessage);
		assertThat(json(response).path("field").asString()).isEqualTo("key");

		String ttlMessage = apiMessage(() -> PutOptions.none().withExpirationTtl(30));
		ConsoleResponse ttl = this.calls.write("PUT", "/api/value", "{\"key\":\"k\",\"value\":\"v\",\"expirationTtl\":\"30\"}",
				"ns", "CACHE");
		assertThat(ttl.status()).isEqualTo(400);
		assertThat(json(ttl).path("error").asString()).isEqualTo(ttlMessage);
		assertThat(json(ttl).path("field").asString()).isEqualTo("expiration");

		String big = "{\"m\":\"" + "x".repeat(1100) + "\"}";
		String metadataMessage = apiMessage(() -> this.cache.put("k", "v", PutOptions.none().withMetadata(Map.of("m", "x".repeat(1100)))));
		ConsoleResponse metadata = this.calls.write("PUT", "/api/value",
				"{\"key\":\"k\",\"value\":\"v\",\"metadata\":" + quote(big) + "}", "ns", "CACHE");
		assertThat(json(metadata).path("error").asString()).isEqualTo(metadataMessage);
		assertThat(json(metadata).path("field").asString()).isEqualTo("metadata");

		ConsoleResponse notJson = this.calls.write("PUT", "/api/value", "{\"key\":\"k\",\"value\":\"v\",\"metadata\":\"{owner\"}",
				"ns", "CACHE");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(json(notJson).path("error").asString()).startsWith("Metadata must be JSON");
		assertThat(json(notJson).path("field").asString()).isEqualTo("metadata");
		assertThat(this.cache.get("k")).isNull();
	}

	@Test
	void asksForAConfirmationBeforeWritingToAProductionNamespace() {
		ConsoleResponse unconfirmed = this.calls.write("PUT", "/api/value", "{\"key\":\"dark-mode\",\"value\":\"on\"}",
				"ns", "FLAGS");
		assertThat(unconfirmed.status()).isEqualTo(428);
		assertThat(json(unconfirmed).path("error").asString()).contains("FLAGS is a production namespace");
		assertThat(this.flags.get("dark-mode")).isNull();
		ConsoleResponse otherName = this.calls.write("PUT", "/api/value", "{\"key\":\"dark-mode\",\"value\":\"on\"}",
				Map.of(ConsoleApi.CONFIRM_HEADER, "CACHE"), "ns", "FLAGS");
		assertThat(otherName.status()).isEqualTo(428);
		ConsoleResponse confirmed = this.calls.write("PUT", "/api/value", "{\"key\":\"dark-mode\",\"value\":\"on\"}",
				Map.of(ConsoleApi.CONFIRM_HEADER, "FLAGS"), "ns", "FLAGS");
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(this.flags.get("dark-mode")).isEqualTo("on");
	}

	@Test
	void createsOnlyKeysThatDoNotExist() {
		this.cache.put("taken", "v1");
		ConsoleResponse response = this.calls.write("PUT", "/api/value", "{\"key\":\"taken\",\"value\":\"v2\",\"create\":true}",
				"ns", "CACHE");
		assertThat(response.status()).isEqualTo(409);
		assertThat(json(response).path("field").asString()).isEqualTo("key");
		assertThat(this.cache.get("taken")).isEqualTo("v1");
		assertThat(this.calls.write("PUT", "/api/value", "{\"key\":\"taken2\",\"value\":\"v2\",\"create\":true}", "ns", "CACHE")
			.status()).isEqualTo(200);
	}

	@Test
	void showsBinaryValuesAsHexAndDownloadsThemWhole() {
		byte[] value = new byte[5000];
		for (int i = 0; i < value.length; i++) {
			value[i] = (byte) i;
		}
		this.cache.put("images/logo.png", value);
		JsonNode view = json(this.calls.get("/api/value", "ns", "CACHE", "key", "images/logo.png"));
		assertThat(view.path("kind").asString()).isEqualTo("binary");
		assertThat(view.path("size").asLong()).isEqualTo(5000);
		assertThat(view.path("truncated").asBoolean()).isTrue();
		assertThat(view.path("text").isNull()).isTrue();
		assertThat(view.path("hex").asString()).startsWith("00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  |................|\n");
		assertThat(view.path("hex").asString().lines()).hasSize(4096 / 16);

		ConsoleResponse raw = this.calls.get("/api/raw", "ns", "CACHE", "key", "images/logo.png");
		assertThat(raw.body()).isEqualTo(value);
		assertThat(raw.contentType()).isEqualTo("application/octet-stream");
		assertThat(raw.headers().get("Content-Disposition")).isEqualTo("attachment; filename=\"logo.png\"; filename*=UTF-8''logo.png");
	}

	@Test
	void uploadsAFileAsTheValue() {
		ConsoleResponse response = this.calls.write("PUT", "/api/value", "{\"key\":\"bin\",\"value\":\"AAEC/w==\",\"encoding\":\"base64\"}",
				"ns", "CACHE");
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.cache.getBytes("bin")).containsExactly(0, 1, 2, 255);
	}

	@Test
	void showsTextThatIsNotJsonAsItIs() {
		this.cache.put("greeting", "Hello, KV!\n\t\u00e9");
		JsonNode view = json(this.calls.get("/api/value", "ns", "CACHE", "key", "greeting"));
		assertThat(view.path("kind").asString()).isEqualTo("text");
		assertThat(view.path("text").asString()).isEqualTo("Hello, KV!\n\t\u00e9");
		assertThat(view.path("pretty").isNull()).isTrue();
		assertThat(view.path("metadata").isNull()).isTrue();
		assertThat(view.path("expiration").isNull()).isTrue();
	}

	@Test
	void deletesOneKeyOrASelectionInBulk() {
		for (int i = 0; i < 5; i++) {
			this.cache.put("k" + i, "v");
		}
		assertThat(this.calls.write("DELETE", "/api/value", "", "ns", "CACHE", "key", "k0").status()).isEqualTo(200);
		assertThat(this.cache.get("k0")).isNull();
		ConsoleResponse bulk = this.calls.write("POST", "/api/bulk-delete", "{\"keys\":[\"k1\",\"k2\",\"k3\"]}", "ns", "CACHE");
		assertThat(json(bulk).path("deleted").asLong()).isEqualTo(3);
		assertThat(this.cache.list().keys()).extracting("name").containsExactly("k4");
		assertThat(this.calls.write("POST", "/api/bulk-delete", "{\"keys\":[]}", "ns", "CACHE").status()).isEqualTo(400);
	}

	@Test
	void saysWhichNamespacesExistWhenOneIsUnknown() {
		ConsoleResponse response = this.calls.get("/api/keys", "ns", "NOPE");
		assertThat(response.status()).isEqualTo(404);
		assertThat(json(response).path("error").asString()).isEqualTo("The console has no namespace 'NOPE'; it has CACHE, FLAGS.");
	}

	@Test
	void refusesAPageSizeKVRefuses() {
		ConsoleResponse response = this.calls.get("/api/keys", "ns", "CACHE", "limit", "1001");
		assertThat(response.status()).isEqualTo(400);
		assertThat(json(response).path("error").asString()).isEqualTo(apiMessage(
				() -> io.github.workerskv.kv.ListOptions.defaults().withLimit(1001)));
		assertThat(json(this.calls.get("/api/keys", "ns", "CACHE", "limit", "ten")).path("field").asString()).isEqualTo("limit");
	}

	@Test
	void answersWrongMethodsAndUnknownRoutesWithJson() {
		assertThat(this.calls.write("POST", "/api/session", "{}").status()).isEqualTo(405);
		assertThat(this.calls.get("/api/nothing").status()).isEqualTo(404);
		assertThat(this.calls.write("PUT", "/api/value", "not json", "ns", "CACHE").status()).isEqualTo(400);
		assertThat(this.calls.get("/api/value", "ns", "CACHE").status()).isEqualTo(400);
	}

	@Test
	void refusalsArePagesOrJsonDependingOnThePath() {
		ConsoleResponse page = this.console.refuse(ConsoleRequest.of("GET", "/"), 403, "Sign in as <a user>.");
		assertThat(page.status()).isEqualTo(403);
		assertThat(body(page)).contains("Sign in as &lt;a user&gt;.");
		ConsoleResponse api = this.console.refuse(ConsoleRequest.of("GET", "/api/keys"), 401, "Sign in.");
		assertThat(json(api).path("error").asString()).isEqualTo("Sign in.");
	}

	private static String apiMessage(Runnable call) {
		return assertThatExceptionOfType(RuntimeException.class).isThrownBy(call::run)
			.isInstanceOfAny(KVValidationException.class, io.github.workerskv.kv.InvalidOptionException.class)
			.actual()
			.getMessage();
	}

}
