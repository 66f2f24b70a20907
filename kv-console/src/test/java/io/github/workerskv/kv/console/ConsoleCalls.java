package io.github.workerskv.kv.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests to a console as its pages send them, and their answers read as JSON. */
final class ConsoleCalls {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final KVConsole console;

	private final String token;

	ConsoleCalls(KVConsole console) {
		this.console = console;
		this.token = session().path("writeHeaders").path(ConsoleApi.TOKEN_HEADER).asString();
	}

	JsonNode session() {
		return json(this.console.handle(ConsoleRequest.of("GET", "/api/session")));
	}

	ConsoleResponse get(String path, String... query) {
		return this.console.handle(ConsoleRequest.of("GET", path).withQuery(pairs(query)));
	}

	ConsoleResponse write(String method, String path, String body, Map<String, String> headers, String... query) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.putIfAbsent(ConsoleApi.TOKEN_HEADER, this.token);
		return this.console.handle(ConsoleRequest.of(method, path)
			.withQuery(pairs(query))
			.withHeaders(all)
			.withBody(body.getBytes(StandardCharsets.UTF_8))
			.withUser("ada"));
	}

	ConsoleResponse write(String method, String path, String body, String... query) {
		return write(method, path, body, Map.of(), query);
	}

	static JsonNode json(ConsoleResponse response) {
		return JSON.readTree(response.body());
	}

	static String body(ConsoleResponse response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	static String quote(String text) {
		return JSON.writeValueAsString(text);
	}

	private static Map<String, String> pairs(String... query) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < query.length; i += 2) {
			map.put(query[i], query[i + 1]);
		}
		return map;
	}

}
