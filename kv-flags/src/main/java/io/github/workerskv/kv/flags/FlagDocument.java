package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One flag document as a Worker reads it: a JSON object of flag name to value, where a value that is an object
 * with a {@code variants} member is a flagd flag definition and anything else a plain value. Members whose names
 * start with {@code $} are not flags; {@code $evaluators} holds rules that definitions use with
 * {@code {"$ref": "name"}}, replaced as flagd-core replaces them.
 *
 * <p>Immutable. A broken definition does not spoil the others: it answers {@code PARSE_ERROR}.
 */
final class FlagDocument {

	static final String EVALUATORS = "$evaluators";

	static final FlagDocument EMPTY = new FlagDocument(JsonNodeFactory.instance.objectNode(), Map.of(),
			RuleEvaluation.INTERPRETED);

	private final ObjectNode source;

	private final Map<String, Entry> flags;

	private final RuleEvaluation evaluation;

	private FlagDocument(ObjectNode source, Map<String, Entry> flags, RuleEvaluation evaluation) {
		this.source = source;
		this.flags = flags;
		this.evaluation = evaluation;
	}

	/**
	 * @param root the document's JSON
	 * @return the document, its rules answered as flagd-core's interpreter (a Worker's) answers them
	 * @throws IllegalArgumentException if it is not a JSON object
	 */
	static FlagDocument parse(JsonNode root) {
		return parse(root, RuleEvaluation.INTERPRETED);
	}

	/**
	 * @param root the document's JSON
	 * @param evaluation which of flagd-core's ways to answer like
	 * @return the document
	 * @throws IllegalArgumentException if it is not a JSON object
	 */
	static FlagDocument parse(JsonNode root, RuleEvaluation evaluation) {
		if (!root.isObject()) {
			throw new IllegalArgumentException("a flag document must be a JSON object, not " + root.getNodeType());
		}
		ObjectNode source = (ObjectNode) root;
		JsonNode evaluators = source.path(EVALUATORS);
		Map<String, Entry> flags = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : source.properties()) {
			String name = member.getKey();
			if (name.startsWith("$")) {
				continue;
			}
			JsonNode value = member.getValue();
			if (FlagDefinition.isDefinition(value)) {
				try {
					flags.put(name, new Defined(FlagDefinition.parse(name, replaceRefs(value, evaluators), evaluation)));
				}
				catch (IllegalArgumentException ex) {
					flags.put(name, new Broken(String.valueOf(ex.getMessage())));
				}
			}
			else {
				flags.put(name, new Plain(value));
			}
		}
		return new FlagDocument(source, Collections.unmodifiableMap(flags), evaluation);
	}

	/**
	 * The merge mode's document: the global document with the user's flags and evaluators laid over it.
	 * @param global the global document
	 * @param user the user's document
	 * @return the merged document
	 */
	static FlagDocument merge(FlagDocument global, FlagDocument user) {
		ObjectNode merged = global.source.deepCopy();
		ObjectNode evaluators = JsonNodeFactory.instance.objectNode();
		if (global.source.path(EVALUATORS).isObject()) {
			evaluators.setAll((ObjectNode) global.source.path(EVALUATORS).deepCopy());
		}
		if (user.source.path(EVALUATORS).isObject()) {
			evaluators.setAll((ObjectNode) user.source.path(EVALUATORS).deepCopy());
		}
		merged.setAll(user.source.deepCopy());
		merged.set(EVALUATORS, evaluators);
		return parse(merged, user.evaluation);
	}

	/** @return the document's JSON (do not modify) */
	ObjectNode source() {
		return this.source;
	}

	/** @return the flags' names in document order */
	java.util.Set<String> flagNames() {
		return this.flags.keySet();
	}

	/**
	 * @param flag the flag's name
	 * @param context the context's values, {@code targetingKey} included
	 * @param now the evaluation time ({@code $flagd.timestamp})
	 * @return what the document answers, before the caller's type applies
	 */
	Resolution resolve(String flag, Map<String, @Nullable Object> context, Instant now) {
		Entry entry = this.flags.get(flag);
		if (entry == null) {
			return Resolution.error(FlagErrorCode.FLAG_NOT_FOUND, "flag '" + flag + "' not found");
		}
		return entry.resolve(context, now);
	}

	// flagd-core replaces {"$ref":"name"} with the evaluator, evaluator by evaluator, in document order.
	static JsonNode replaceRefs(JsonNode node, JsonNode evaluators) {
		if (!evaluators.isObject()) {
			return node;
		}
		JsonNode result = node;
		for (Map.Entry<String, JsonNode> evaluator : evaluators.properties()) {
			result = replaceRef(result, evaluator.getKey(), evaluator.getValue());
		}
		return result;
	}

	private static JsonNode replaceRef(JsonNode node, String name, JsonNode replacement) {
		if (node.isObject()) {
			if (node.size() == 1 && node.path("$ref").isString() && node.path("$ref").stringValue().equals(name)) {
				return replacement.deepCopy();
			}
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			for (Map.Entry<String, JsonNode> member : node.properties()) {
				copy.set(member.getKey(), replaceRef(member.getValue(), name, replacement));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			for (JsonNode item : node) {
				copy.add(replaceRef(item, name, replacement));
			}
			return copy;
		}
		return node;
	}

	private sealed interface Entry permits Plain, Defined, Broken {

		Resolution resolve(Map<String, @Nullable Object> context, Instant now);

	}

	private record Plain(JsonNode value) implements Entry {

		@Override
		public Resolution resolve(Map<String, @Nullable Object> context, Instant now) {
			return this.value.isNull() ? Resolution.noValue(FlagReason.DEFAULT)
					: Resolution.of(this.value, null, FlagReason.STATIC);
		}

	}

	private record Defined(FlagDefinition definition) implements Entry {

		@Override
		public Resolution resolve(Map<String, @Nullable Object> context, Instant now) {
			return this.definition.resolve(context, now);
		}

	}

	private record Broken(String message) implements Entry {

		@Override
		public Resolution resolve(Map<String, @Nullable Object> context, Instant now) {
			return Resolution.error(FlagErrorCode.PARSE_ERROR, this.message);
		}

	}

}
