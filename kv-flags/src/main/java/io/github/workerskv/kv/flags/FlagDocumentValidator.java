package io.github.workerskv.kv.flags;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.KVLimits;
import tools.jackson.databind.JsonNode;

/**
 * Checks a document before the admin writes it: the rules of flagd's flag schema ({@code state} ENABLED or
 * DISABLED; at least one variant, all of one JSON type; {@code defaultVariant} null or a variant's name;
 * {@code targeting} a JSON Logic object using known operations; {@code metadata} of strings, numbers and
 * booleans), {@code $evaluators} of objects, and KV's value size limit.
 */
final class FlagDocumentValidator {

	private FlagDocumentValidator() {
	}

	/** @return the problems found, empty if the document can be written */
	static List<String> problems(JsonNode document, String json) {
		List<String> problems = new ArrayList<>();
		if (!document.isObject()) {
			problems.add("a flag document must be a JSON object of flag name to value, not " + document.getNodeType());
			return problems;
		}
		long size = json.getBytes(StandardCharsets.UTF_8).length;
		if (size > KVLimits.MAX_VALUE_BYTES) {
			problems.add("the document is " + size + " bytes; KV values are at most " + KVLimits.MAX_VALUE_BYTES);
		}
		for (Map.Entry<String, JsonNode> member : document.properties()) {
			String name = member.getKey();
			JsonNode value = member.getValue();
			if (name.isEmpty()) {
				problems.add("a flag name must not be empty");
			}
			else if (name.equals(FlagDocument.EVALUATORS)) {
				checkEvaluators(value, problems);
			}
			else if (name.startsWith("$")) {
				if (!name.equals("$schema")) {
					problems.add("'" + name + "': names starting with $ are reserved ($evaluators, $schema)");
				}
			}
			else if (FlagDefinition.isDefinition(value)) {
				checkDefinition(name, value, document.path(FlagDocument.EVALUATORS), problems);
			}
		}
		return problems;
	}

	private static void checkEvaluators(JsonNode evaluators, List<String> problems) {
		if (!evaluators.isObject()) {
			problems.add("$evaluators must be an object of name to JSON Logic rule");
			return;
		}
		for (Map.Entry<String, JsonNode> evaluator : evaluators.properties()) {
			if (!evaluator.getValue().isObject()) {
				problems.add("$evaluators." + evaluator.getKey() + " must be a JSON Logic object");
			}
		}
	}

	private static void checkDefinition(String name, JsonNode flag, JsonNode evaluators, List<String> problems) {
		String at = "flag '" + name + "'";
		JsonNode state = flag.path("state");
		if (!state.isString() || !(state.stringValue().equals("ENABLED") || state.stringValue().equals("DISABLED"))) {
			problems.add(at + ": state must be \"ENABLED\" or \"DISABLED\", was " + state);
		}
		JsonNode variants = flag.path("variants");
		if (!variants.isObject() || variants.isEmpty()) {
			problems.add(at + ": variants must be an object with at least one variant");
		}
		else {
			Set<String> types = new HashSet<>();
			for (Map.Entry<String, JsonNode> variant : variants.properties()) {
				if (variant.getKey().isEmpty()) {
					problems.add(at + ": a variant name must not be empty");
				}
				JsonNode value = variant.getValue();
				types.add(value.isBoolean() ? "boolean" : value.isString() ? "string" : value.isNumber() ? "number"
						: value.isObject() ? "object" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
			}
			types.retainAll(Set.of("boolean", "string", "number", "object", "array", "null"));
			if (types.size() > 1 || types.contains("array") || types.contains("null")) {
				problems.add(at + ": all variants must be of one type (boolean, string, number or object), found "
						+ types);
			}
		}
		JsonNode defaultVariant = flag.path("defaultVariant");
		if (!defaultVariant.isMissingNode() && !defaultVariant.isNull()
				&& (!defaultVariant.isString() || !variants.has(defaultVariant.stringValue()))) {
			problems.add(at + ": defaultVariant " + defaultVariant + " is not one of the variants");
		}
		JsonNode targeting = flag.path("targeting");
		if (!targeting.isMissingNode()) {
			if (!targeting.isObject()) {
				problems.add(at + ": targeting must be a JSON Logic object");
			}
			else if (!targeting.isEmpty()) {
				// Refused if either of flagd-core's ways (a Worker's interpreter, Node's compiler) cannot load it.
				try {
					for (RuleEvaluation evaluation : RuleEvaluation.values()) {
						String error = FlagDefinition.parse(name, FlagDocument.replaceRefs(flag, evaluators), evaluation)
							.targetingError();
						if (error != null) {
							problems.add(at + ": " + error);
							break;
						}
					}
				}
				catch (RuntimeException ex) {
					problems.add(at + ": " + ex.getMessage());
				}
			}
		}
		JsonNode metadata = flag.path("metadata");
		if (!metadata.isMissingNode()) {
			if (!metadata.isObject()) {
				problems.add(at + ": metadata must be an object");
			}
			else {
				for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
					JsonNode v = entry.getValue();
					if (!(v.isString() || v.isNumber() || v.isBoolean())) {
						problems.add(at + ": metadata." + entry.getKey() + " must be a string, number or boolean");
					}
				}
			}
		}
	}

}
