package io.github.workerskv.kv.flags;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * {@code and} / {@code or}: short-circuiting, answering the value that decided (not a boolean), {@code null}
 * for no arguments.
 */
final class LogicalOperation implements JsonLogicExpression {

	static final LogicalOperation AND = new LogicalOperation("and", false);

	static final LogicalOperation OR = new LogicalOperation("or", true);

	private final String key;

	private final boolean stopWhenTruthy;

	private LogicalOperation(String key, boolean stopWhenTruthy) {
		this.key = key;
		this.stopWhenTruthy = stopWhenTruthy;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public @Nullable Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		Object item = null;
		for (int i = 0; i < arguments.size(); i++) {
			item = evaluator.evaluate(arguments.get(i), data, jsonPath + "[" + i + "]");
			((TargetingEvaluator) evaluator).prev = item;
			if (JsValues.truthy(item) == this.stopWhenTruthy) {
				return item;
			}
		}
		return item;
	}

}
