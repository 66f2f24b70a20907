package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token-by-token envelope reader ({@link Envelope#parse}) answers exactly what reading the whole tree
 * ({@link Envelope#of}) answers, for envelopes of every shape a server may send: {@code success} true,
 * false, absent or not a boolean, errors with odd codes and messages, results of any JSON, extra fields
 * in any order, and bodies that are not a JSON object at all.
 */
class EnvelopeProperties {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Property(tries = 400)
	void readingTokenByTokenAgreesWithReadingTheTree(@ForAll("envelopes") String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		Envelope streamed = Envelope.parse(Envelope.treeReader(JSON), bytes);
		Envelope tree = Envelope.of(JSON.readTree(bytes));
		assertThat(streamed.json()).isEqualTo(tree.json());
		if (tree.json()) {
			assertThat(streamed).isEqualTo(tree);
		}
		else {
			assertThat(streamed.snippet()).isNotEmpty();
		}
	}

	@Property(tries = 50)
	void aBodyThatIsNotJsonIsNotAnEnvelopeAndKeepsItsStart(@ForAll("garbage") String body) {
		Envelope envelope = Envelope.parse(Envelope.treeReader(JSON), body.getBytes(StandardCharsets.UTF_8));
		assertThat(envelope.json()).isFalse();
		assertThat(body).startsWith(envelope.snippet());
		assertThat(envelope.snippet()).hasSizeBetween(1, 200);
	}

	@Provide
	Arbitrary<String> garbage() {
		return Arbitraries.of("<html>502 Bad Gateway</html>", "{\"success\":true", "{\"success\":tru}", "}{", "{\"a\":1}}x",
				"{\"result\":[1,2}", "\u0000\u0001", "not json at all", "{\"errors\":[{]}", "x".repeat(500));
	}

	@Provide
	Arbitrary<String> envelopes() {
		Arbitrary<JsonNode> success = Arbitraries.of(JSON.getNodeFactory().booleanNode(true),
				JSON.getNodeFactory().booleanNode(false), JSON.getNodeFactory().nullNode(),
				JSON.getNodeFactory().stringNode("false"), JSON.getNodeFactory().numberNode(0),
				JSON.createObjectNode().put("x", false));
		Arbitrary<JsonNode> errors = error().list().ofMaxSize(3).map((list) -> {
			ArrayNode array = JSON.createArrayNode();
			list.forEach(array::add);
			return array;
		});
		Arbitrary<JsonNode> oddErrors = Arbitraries.of(JSON.getNodeFactory().nullNode(), JSON.getNodeFactory().stringNode("e"),
				JSON.createObjectNode().put("code", 1));
		Arbitrary<List<String>> order = Arbitraries.of("success", "errors", "messages", "result", "result_info", "extra")
			.list().ofMaxSize(7);
		return Combinators.combine(success, Arbitraries.oneOf(errors, oddErrors), anyJson(), anyJson(), order)
			.as((ok, errs, result, info, names) -> {
				ObjectNode root = JSON.createObjectNode();
				for (String name : names) {
					switch (name) {
						case "success" -> root.set(name, ok);
						case "errors" -> root.set(name, errs);
						case "result" -> root.set(name, result);
						case "result_info" -> root.set(name, info);
						case "messages" -> root.set(name, JSON.createArrayNode().add("m").add(JSON.createObjectNode().put("n", 1)));
						default -> root.set(name, JSON.createObjectNode().set("nested", JSON.createArrayNode().add(1)));
					}
				}
				return root.toString();
			})
			.injectDuplicates(0.0)
			.edgeCases((config) -> config.add("{}"))
			.flatMap((text) -> Arbitraries.of(text, "[" + text + "]", "\"" + text.length() + "\"", "  " + text + "  ", "null"));
	}

	private Arbitrary<JsonNode> error() {
		Arbitrary<JsonNode> code = Arbitraries.of(JSON.getNodeFactory().numberNode(10009), JSON.getNodeFactory().numberNode(7003),
				JSON.getNodeFactory().numberNode(1.5), JSON.getNodeFactory().numberNode(1L << 40),
				JSON.getNodeFactory().stringNode("10000"), JSON.getNodeFactory().nullNode());
		Arbitrary<JsonNode> message = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(JSON.getNodeFactory()::stringNode),
				Arbitraries.of(JSON.getNodeFactory().nullNode(), JSON.getNodeFactory().numberNode(5), JSON.createArrayNode()));
		return Combinators.combine(code, message).as((c, m) -> {
			ObjectNode error = JSON.createObjectNode();
			error.set("code", c);
			error.set("message", m);
			return error;
		});
	}

	private Arbitrary<JsonNode> anyJson() {
		return Arbitraries.of(JSON.getNodeFactory().nullNode(), JSON.getNodeFactory().stringNode("v"),
				JSON.getNodeFactory().numberNode(42), JSON.createArrayNode().add(JSON.createObjectNode().put("name", "k")),
				JSON.createObjectNode().put("successful_key_count", 3).set("unsuccessful_keys", JSON.createArrayNode().add("a")),
				JSON.createObjectNode().put("cursor", ""));
	}

}
