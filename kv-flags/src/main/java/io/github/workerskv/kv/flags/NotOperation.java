package io.github.workerskv.kv.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;

/**
 * {@code !} (alias {@code not}) and {@code !!}: the truthiness of the first argument. Under {@code if},
 * json-logic-engine unwraps a single argument that evaluates to an array and tests its first element.
 */
final class NotOperation implements JsonLogicExpression {

	private final String key;

	private final boolean negate;

	NotOperation(String key, boolean negate) {
		this.key = key;
		this.negate = negate;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, Object data, String jsonPath)
			throws JsonLogicEvaluationException {
		Object value = arguments.isEmpty() ? JsValues.UNDEFINED
				: evaluator.evaluate(arguments.get(0), data, jsonPath + "[0]");
		if (((TargetingEvaluator) evaluator).mode() == TargetingEvaluator.Mode.INTERPRETED && arguments.size() == 1
				&& !(arguments.get(0) instanceof JsonLogicArray) && value instanceof java.util.List<?> list) {
			value = list.isEmpty() ? JsValues.UNDEFINED : list.get(0);
		}
		return JsValues.truthy(value) != this.negate;
	}

}
