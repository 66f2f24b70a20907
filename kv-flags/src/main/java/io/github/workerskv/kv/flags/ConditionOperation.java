package io.github.workerskv.kv.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * {@code if} (and its alias {@code ?:}): {@code [cond, then, cond, then, ..., else]}, lazily; a missing else
 * is {@code null}, one argument is returned as it is. json-logic-engine compiles an {@code if} of three or more
 * arguments and interprets shorter ones.
 */
final class ConditionOperation implements JsonLogicExpression {

	private final String key;

	ConditionOperation(String key) {
		this.key = key;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public @Nullable Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		int n = arguments.size();
		TargetingEvaluator interpreted = (n >= 3) ? (TargetingEvaluator) evaluator
				: ((TargetingEvaluator) evaluator).interpreted();
		if (n == 0) {
			return null;
		}
		if (n == 1) {
			return interpreted.evaluate(arguments.get(0), data, jsonPath + "[0]");
		}
		int i = 0;
		for (; i + 1 < n; i += 2) {
			if (JsValues.truthy(interpreted.evaluate(arguments.get(i), data, jsonPath + "[" + i + "]"))) {
				return interpreted.evaluate(arguments.get(i + 1), data, jsonPath + "[" + (i + 1) + "]");
			}
		}
		return (i < n) ? interpreted.evaluate(arguments.get(i), data, jsonPath + "[" + i + "]") : null;
	}

}
