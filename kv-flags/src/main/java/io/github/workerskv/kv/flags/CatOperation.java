package io.github.workerskv.kv.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;

/**
 * {@code cat}: the arguments as JavaScript strings, joined. json-logic-engine's compiled code writes
 * {@code null} as {@code "null"}; its interpreter (under {@code if}, or without variables) skips it.
 */
final class CatOperation implements JsonLogicExpression {

	@Override
	public String key() {
		return "cat";
	}

	@Override
	public Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, Object data, String jsonPath)
			throws JsonLogicEvaluationException {
		boolean compiled = ((TargetingEvaluator) evaluator).mode() == TargetingEvaluator.Mode.COMPILED;
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < arguments.size(); i++) {
			Object part = evaluator.evaluate(arguments.get(i), data, jsonPath + "[" + i + "]");
			if (compiled || (part != null && part != JsValues.UNDEFINED)) {
				joined.append(JsValues.toJsString(part));
			}
		}
		return joined.toString();
	}

}
