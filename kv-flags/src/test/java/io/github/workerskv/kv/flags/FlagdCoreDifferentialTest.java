package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java evaluator and {@code @openfeature/flagd-core} answer the same value, variant, reason and error code for
 * every one of 12,000 generated evaluations (random documents with targeting over every flagd operation, random
 * contexts, random evaluation times), in each of flagd-core's two ways of running rules: its interpreter (what a
 * Worker runs) and its compiler (its default in Node.js).
 */
class FlagdCoreDifferentialTest {

	private static final int DOCUMENTS = 40;

	private static final int CASES = 12_000;

	private static final String[] TYPES = { "boolean", "string", "number", "object" };

	@ParameterizedTest
	@EnumSource(RuleEvaluation.class)
	void javaAndFlagdCoreAgreeOnEveryGeneratedEvaluation(RuleEvaluation evaluation) {
		FlagCases cases = new FlagCases(20261201L);
		ObjectNode documents = JsonNodeFactory.instance.objectNode();
		Map<String, FlagDocument> parsed = new LinkedHashMap<>();
		List<String> flagChoices = new ArrayList<>();
		for (int d = 0; d < DOCUMENTS; d++) {
			ObjectNode document = cases.document(6);
			documents.set("d" + d, document);
			parsed.put("d" + d, FlagDocument.parse(document, evaluation));
			for (String name : document.propertyNames()) {
				if (!name.startsWith("$")) {
					flagChoices.add("d" + d + "\u0000" + name);
				}
			}
		}
		ArrayNode caseArray = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < CASES; i++) {
			String choice = flagChoices.get(cases.nextInt(flagChoices.size()));
			String docId = choice.substring(0, choice.indexOf('\u0000'));
			String flag = (cases.nextInt(50) == 0) ? "no-such-flag" : choice.substring(choice.indexOf('\u0000') + 1);
			String type = typeFor(documents.get(docId).path(flag), cases);
			JsonNode defaultValue = defaultFor(type);
			caseArray.add(JsonNodeFactory.instance.arrayNode().add(docId).add(flag).add(type).add(defaultValue)
				.add(cases.context()).add(cases.nowMillis()));
		}
		ObjectNode input = JsonNodeFactory.instance.objectNode();
		input.put("compiled", evaluation == RuleEvaluation.COMPILED);
		input.set("documents", documents);
		input.set("cases", caseArray);

		JsonNode answers = FlagdCoreDriver.evaluate(input, Duration.ofSeconds(60));

		assertThat(answers.size()).isEqualTo(CASES);
		List<String> mismatches = new ArrayList<>();
		Map<String, Integer> reasons = new LinkedHashMap<>();
		for (int i = 0; i < CASES; i++) {
			JsonNode c = caseArray.get(i);
			FlagEvaluation<JsonNode> java = evaluate(parsed.get(c.get(0).stringValue()), c.get(1).stringValue(),
					c.get(2).stringValue(), c.get(3), (ObjectNode) c.get(4), c.get(5).longValue());
			JsonNode js = answers.get(i);
			reasons.merge(java.reason() + (java.errorCode() != null ? "/" + java.errorCode() : ""), 1, Integer::sum);
			if (!sameJson(java.value(), js.get(0)) || !same(java.variant(), js.get(1))
					|| !java.reason().name().equals(js.get(2).stringValue())
					|| !same((java.errorCode() != null) ? java.errorCode().name() : null, js.get(3))) {
				mismatches.add("case " + i + " " + c + "\n  flag: " + documents.get(c.get(0).stringValue()).get(c.get(1).stringValue()) + "\n  java: " + java + "\n  flagd-core: " + js);
			}
		}
		System.out.println("flagd-core differential (" + evaluation + "): " + CASES + " evaluations, " + mismatches.size()
				+ " mismatches; by reason " + reasons);
		assertThat(mismatches).as("evaluations where Java and flagd-core disagree").isEmpty();
		// The generator must reach every outcome, or agreeing proves little.
		assertThat(reasons).containsKeys("STATIC", "TARGETING_MATCH", "DEFAULT", "DISABLED", "ERROR/FLAG_NOT_FOUND",
				"ERROR/TYPE_MISMATCH", "ERROR/PARSE_ERROR", "ERROR/GENERAL");
	}

	static FlagEvaluation<JsonNode> evaluate(FlagDocument document, String flag, String type, JsonNode defaultValue,
			ObjectNode context, long nowMillis) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		context.properties().forEach((member) -> values.put(member.getKey(), TargetingData.of(member.getValue())));
		FlagType flagType = switch (type) {
			case "boolean" -> FlagType.BOOLEAN;
			case "string" -> FlagType.STRING;
			case "number" -> FlagType.DOUBLE;
			default -> FlagType.OBJECT;
		};
		return document.resolve(flag, values, Instant.ofEpochMilli(nowMillis))
			.as(flag, flagType, defaultValue, (node) -> node);
	}

	static String typeFor(JsonNode flag, FlagCases cases) {
		if (cases.nextInt(15) == 0) {
			return TYPES[cases.nextInt(TYPES.length)];
		}
		JsonNode sample = flag.has("variants") ? flag.get("variants").values().iterator().next() : flag;
		if (sample.isBoolean()) {
			return "boolean";
		}
		if (sample.isString()) {
			return "string";
		}
		if (sample.isNumber()) {
			return "number";
		}
		return "object";
	}

	static JsonNode defaultFor(String type) {
		return switch (type) {
			case "boolean" -> JsonNodeFactory.instance.booleanNode(false);
			case "string" -> JsonNodeFactory.instance.stringNode("fallback");
			case "number" -> JsonNodeFactory.instance.numberNode(-7);
			default -> FlagCases.json("{\"fallback\": true}");
		};
	}

	static boolean same(@Nullable String java, JsonNode js) {
		return (java == null) ? js.isNull() : js.isString() && js.stringValue().equals(java);
	}

	static boolean sameJson(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.doubleValue() == b.doubleValue();
		}
		if (a.isObject() && b.isObject()) {
			if (a.size() != b.size()) {
				return false;
			}
			for (Map.Entry<String, JsonNode> member : a.properties()) {
				if (!b.has(member.getKey()) || !sameJson(member.getValue(), b.get(member.getKey()))) {
					return false;
				}
			}
			return true;
		}
		if (a.isArray() && b.isArray()) {
			if (a.size() != b.size()) {
				return false;
			}
			for (int i = 0; i < a.size(); i++) {
				if (!sameJson(a.get(i), b.get(i))) {
					return false;
				}
			}
			return true;
		}
		return a.equals(b);
	}

}
