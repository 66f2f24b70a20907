package io.github.workerskv.kv.flags;

import java.util.List;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;

/**
 * {@code in}: {@code (b || []).includes(a)}. A string contains the text of {@code a}; an array holds an
 * element the same as {@code a} (numbers by value, NaN included); anything else truthy is an error, as calling
 * {@code includes} on it throws in JavaScript.
 */
final class InOperation implements JsonLogicExpression {

	@Override
	public String key() {
		return "in";
	}

	@Override
	public Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, Object data, String jsonPath)
			throws JsonLogicEvaluationException {
		Object item = (arguments.size() > 0) ? evaluator.evaluate(arguments.get(0), data, jsonPath + "[0]")
				: JsValues.UNDEFINED;
		Object container = (arguments.size() > 1) ? evaluator.evaluate(arguments.get(1), data, jsonPath + "[1]")
				: JsValues.UNDEFINED;
		if (JsValues.nativeFalsy(container)) {
			return false;
		}
		if (container instanceof String text) {
			return text.contains(JsValues.toJsString(item));
		}
		if (container instanceof List<?> list) {
			for (Object element : list) {
				if (JsValues.strictEquals(element, item)
						|| (element instanceof Double x && item instanceof Double y && x.isNaN() && y.isNaN())) {
					return true;
				}
			}
			return false;
		}
		throw new JsonLogicEvaluationException("'in' needs a string or an array to look in", jsonPath);
	}

}
