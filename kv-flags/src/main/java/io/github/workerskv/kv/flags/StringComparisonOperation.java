package io.github.workerskv.kv.flags;

import java.util.List;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * flagd's {@code starts_with} and {@code ends_with}: exactly two strings, else {@code null}.
 */
final class StringComparisonOperation implements JsonLogicExpression {

	static final StringComparisonOperation STARTS_WITH = new StringComparisonOperation("starts_with");

	static final StringComparisonOperation ENDS_WITH = new StringComparisonOperation("ends_with");

	private final String key;

	private StringComparisonOperation(String key) {
		this.key = key;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public @Nullable Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		List<Object> args = evaluator.evaluate(arguments, data, jsonPath);
		if (args.size() != 2 || !(args.get(0) instanceof String text) || !(args.get(1) instanceof String affix)) {
			return null;
		}
		return (this == STARTS_WITH) ? text.startsWith(affix) : text.endsWith(affix);
	}

}
