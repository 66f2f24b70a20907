package io.github.workerskv.kv.console;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.github.workerskv.kv.console.ConsoleCalls.body;
import static io.github.workerskv.kv.console.ConsoleCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** An extension's routes and page module, through the console's own checks and answers. */
class ConsoleExtensionTest {

	private LocalKVStore store;

	private KVNamespace notes;

	private KVConsole console;

	private ConsoleCalls calls;

	@BeforeEach
	void start() {
		this.store = LocalKVStore.inMemory();
		this.notes = this.store.namespace("notes-id");
		this.console = KVConsole.create(ConsoleBackend.of(ConsoleBackendKind.EMBEDDED, "embedded store in memory",
				List.of(new ConsoleNamespace("NOTES", this.notes, true))), List.of(new Notes(this.notes)));
		this.calls = new ConsoleCalls(this.console);
	}

	@AfterEach
	void stop() {
		this.store.close();
	}

	@Test
	void theSessionListsTheExtension() {
		JsonNode extensions = this.calls.session().path("extensions");
		assertThat(extensions).hasSize(1);
		assertThat(extensions.get(0).path("name").asString()).isEqualTo("notes");
		assertThat(extensions.get(0).path("label").asString()).isEqualTo("Notes");
	}

	@Test
	void aConsoleWithoutExtensionsListsNone() {
		KVConsole plain = KVConsole.create(ConsoleBackend.of(ConsoleBackendKind.EMBEDDED, "memory", List.of()));
		assertThat(new ConsoleCalls(plain).session().path("extensions").isEmpty()).isTrue();
		assertThat(plain.handle(ConsoleRequest.of("GET", "/api/notes")).status()).isEqualTo(404);
	}

	@Test
	void routesItsPathsToItWithThePathBelowItsOwn() {
		this.notes.put("note:a", "first");
		JsonNode root = json(this.calls.get("/api/notes"));
		assertThat(root.path("path").asString()).isEmpty();
		ConsoleResponse read = this.calls.get("/api/notes/note", "id", "a");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.contentType()).isEqualTo("application/json");
		assertThat(read.headers()).containsEntry("Cache-Control", "no-store");
		assertThat(json(read).path("text").asString()).isEqualTo("first");
		assertThat(json(read).path("path").asString()).isEqualTo("/note");
		assertThat(this.calls.get("/api/notesy").status()).isEqualTo(404);
	}

	@Test
	void answersItsRefusalsWithTheirStatusMessageAndField() {
		ConsoleResponse missing = this.calls.get("/api/notes/note");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(json(missing).path("error").asString()).isEqualTo("The query parameter 'id' is missing.");
		assertThat(json(missing).path("field").asString()).isEqualTo("id");
		ConsoleResponse notFound = this.calls.get("/api/notes/note", "id", "nope");
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(json(notFound).path("error").asString()).isEqualTo("No note 'nope'.");
		ConsoleResponse broken = this.calls.get("/api/notes/broken");
		assertThat(broken.status()).isEqualTo(500);
		assertThat(body(broken)).contains("IllegalStateException").doesNotContain("a bug in the extension");
		ConsoleResponse invalidKey = this.calls.get("/api/notes/note", "id", "x".repeat(600));
		assertThat(invalidKey.status()).isEqualTo(414);
	}

	@Test
	void writesNeedTheConsolesTokenAndTheProductionConfirmation() {
		String note = "{\"id\":\"b\",\"text\":\"second\"}";
		ConsoleResponse forged = this.calls.write("PUT", "/api/notes/note", note,
				Map.of(ConsoleApi.TOKEN_HEADER, "forged"));
		assertThat(forged.status()).isEqualTo(403);
		assertThat(json(forged).path("error").asString()).contains("X-KV-Console-Token");
		ConsoleResponse unconfirmed = this.calls.write("PUT", "/api/notes/note", note);
		assertThat(unconfirmed.status()).isEqualTo(428);
		assertThat(json(unconfirmed).path("error").asString()).startsWith("NOTES is a production namespace");
		assertThat(this.notes.get("note:b")).isNull();
		ConsoleResponse confirmed = this.calls.write("PUT", "/api/notes/note", note,
				Map.of(ConsoleApi.CONFIRM_HEADER, "NOTES"));
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(json(confirmed).path("by").asString()).isEqualTo("ada");
		assertThat(this.notes.get("note:b")).isEqualTo("second");
	}

	@Test
	void aWriteOutsideTheBackendNeedsOnlyTheToken() {
		assertThat(this.calls.write("POST", "/api/notes/ping", "{}", Map.of(ConsoleApi.TOKEN_HEADER, "")).status())
			.isEqualTo(403);
		assertThat(this.calls.write("POST", "/api/notes/ping", "{}").status()).isEqualTo(200);
	}

	@Test
	void refusesABodyThatIsNotAJsonObject() {
		ConsoleResponse answer = this.calls.write("PUT", "/api/notes/note", "[1, 2]",
				Map.of(ConsoleApi.CONFIRM_HEADER, "NOTES"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(json(answer).path("error").asString()).isEqualTo("The request body must be a JSON object.");
	}

	@Test
	void servesItsPageModuleBesideTheConsolesOwn() {
		ConsoleResponse script = this.calls.get("/assets/notes.js");
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.contentType()).isEqualTo("text/javascript;charset=utf-8");
		assertThat(body(script)).contains("export const routes");
		assertThat(script.headers()).containsKey("Content-Security-Policy").containsKey("ETag");
		ConsoleResponse again = this.console.handle(ConsoleRequest.of("GET", "/assets/notes.js")
			.withHeaders(Map.of("If-None-Match", script.headers().get("ETag"))));
		assertThat(again.status()).isEqualTo(304);
		assertThat(this.calls.get("/assets/app.js").status()).isEqualTo(200);
	}

	@Test
	void refusesANameThatIsMalformedReservedOrTaken() {
		ConsoleBackend backend = ConsoleBackend.of(ConsoleBackendKind.EMBEDDED, "memory", List.of());
		for (String name : List.of("Notes", "", "a/b", "keys", "app", "session", "1notes")) {
			assertThatIllegalArgumentException().as(name)
				.isThrownBy(() -> KVConsole.create(backend, List.of(new Named(name))))
				.withMessageContaining("'" + name + "'");
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KVConsole.create(backend, List.of(new Named("notes"), new Named("notes"))))
			.withMessage("Two console extensions are named 'notes'");
	}

	/** Notes under {@code note:<id>} of one namespace. */
	private static final class Notes implements ConsoleExtension {

		private final KVNamespace namespace;

		Notes(KVNamespace namespace) {
			this.namespace = namespace;
		}

		@Override
		public String name() {
			return "notes";
		}

		@Override
		public String label() {
			return "Notes";
		}

		@Override
		public URL script() {
			return Objects.requireNonNull(getClass().getResource("/console-extension/notes.js"));
		}

		@Override
		public JsonNode handle(ConsoleCall call) {
			ObjectNode answer = call.newObject().put("path", call.path());
			switch (call.method() + " " + call.path()) {
				case "GET /note" -> {
					String id = call.requiredQuery("id");
					String text = this.namespace.get("note:" + id);
					if (text == null) {
						throw new ConsoleError(404, "No note '" + id + "'.");
					}
					return answer.put("text", text);
				}
				case "PUT /note" -> {
					call.checkWrite("NOTES");
					JsonNode body = call.body();
					this.namespace.put("note:" + body.path("id").asString(), body.path("text").asString());
					return answer.put("by", call.user());
				}
				case "POST /ping" -> {
					call.checkWrite(null);
					return answer;
				}
				case "GET /broken" -> throw new IllegalStateException("a bug in the extension");
				default -> {
					return answer;
				}
			}
		}

	}

	private record Named(String name) implements ConsoleExtension {

		@Override
		public String label() {
			return this.name;
		}

		@Override
		public URL script() {
			return Objects.requireNonNull(getClass().getResource("/console-extension/notes.js"));
		}

		@Override
		public JsonNode handle(ConsoleCall call) {
			return call.newObject();
		}

	}

}
