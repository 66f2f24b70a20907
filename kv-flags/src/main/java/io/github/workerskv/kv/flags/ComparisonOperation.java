package io.github.workerskv.kv.flags;

import java.util.List;
import java.util.Map;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * The comparisons {@code < <= > >= == != === !==}, with json-logic-engine's coercions: two strings (or
 * {@code null}s) compare as JavaScript compares them, anything else must read as a number or the rule fails
 * (a {@code GENERAL} error, not {@code false}); three or more arguments chain ({@code between}). The strict
 * forms compare without coercion.
 */
final class ComparisonOperation implements JsonLogicExpression {

	private final String key;

	private final boolean strict;

	ComparisonOperation(String key) {
		this.key = key;
		this.strict = key.length() == 3;
	}

	@Override
	public String key() {
		return this.key;
	}

	@Override
	public Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		int n = arguments.size();
		if (n < 2) {
			throw new JsonLogicEvaluationException("'" + this.key + "' needs at least 2 arguments", jsonPath);
		}
		boolean compiled = ((TargetingEvaluator) evaluator).mode() == TargetingEvaluator.Mode.COMPILED;
		if (!compiled && n > 3) {
			return interpretedChain(evaluator, arguments, data, jsonPath);
		}
		TargetingEvaluator target = (TargetingEvaluator) evaluator;
		Object previous = evaluator.evaluate(arguments.get(0), data, jsonPath + "[0]");
		target.prev = previous;
		for (int i = 1; i < n; i++) {
			Object current = evaluator.evaluate(arguments.get(i), data, jsonPath + "[" + i + "]");
			boolean holds;
			if (compiled) {
				// compareCheck(current, prev): prev is whatever evaluating the right-hand side last assigned.
				current = compareCheck(current, target.prev, jsonPath);
				if (n > 2) {
					target.prev = current;
				}
				holds = this.strict ? strictCompare(previous, current) : nativeCompare(previous, current);
			}
			else {
				holds = interpretedCompare(previous, current, jsonPath);
			}
			if (!holds) {
				return false;
			}
			previous = current;
		}
		return true;
	}

	// json-logic-engine's compareCheck(item, prev): the value the compiled comparison then applies JavaScript's operator to.
	private @Nullable Object compareCheck(@Nullable Object item, @Nullable Object previous, String jsonPath)
			throws JsonLogicEvaluationException {
		if (this.strict || (stringOrNull(item) && stringOrNull(previous))) {
			return item;
		}
		if (Double.isNaN(JsValues.toNumber(precoerce(item, jsonPath))) && previous != null) {
			throw notANumber(jsonPath);
		}
		if (Double.isNaN(JsValues.toNumber(precoerce(previous, jsonPath)))) {
			throw notANumber(jsonPath);
		}
		if (previous == null && JsValues.nativeFalsy(item)) {
			return null;
		}
		if (item == null && JsValues.nativeFalsy(previous)) {
			return 0.0;
		}
		return item;
	}

	private boolean interpretedCompare(@Nullable Object a, @Nullable Object b, String jsonPath)
			throws JsonLogicEvaluationException {
		if (this.strict) {
			return strictCompare(a, b);
		}
		if (stringOrNull(a) && stringOrNull(b)) {
			return nativeCompare(a, b);
		}
		if (Double.isNaN(JsValues.toNumber(precoerce(a, jsonPath)))) {
			throw notANumber(jsonPath);
		}
		if (Double.isNaN(JsValues.toNumber(precoerce(b, jsonPath))) && a != null) {
			throw notANumber(jsonPath);
		}
		return nativeCompare(JsValues.toNumber(a), JsValues.toNumber(b));
	}

	// json-logic-engine's interpreted comparison of four or more arguments.
	private Object interpretedChain(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		Object previous = evaluator.evaluate(arguments.get(0), data, jsonPath + "[0]");
		for (int i = 1; i < arguments.size(); i++) {
			Object current = evaluator.evaluate(arguments.get(i), data, jsonPath + "[" + i + "]");
			if ((this.strict || (stringOrNull(current) && stringOrNull(previous)))
					&& !(this.strict ? strictCompare(previous, current) : nativeCompare(previous, current))) {
				return false;
			}
			if (Double.isNaN(JsValues.toNumber(precoerce(current, jsonPath))) && previous != null) {
				throw notANumber(jsonPath);
			}
			if (i == 1 && Double.isNaN(JsValues.toNumber(precoerce(previous, jsonPath)))) {
				throw notANumber(jsonPath);
			}
			double a = JsValues.toNumber(previous);
			double b = JsValues.toNumber(current);
			if (!(this.strict ? strictCompare(a, b) : nativeCompare(a, b))) {
				return false;
			}
			previous = current;
		}
		return true;
	}

	private boolean nativeCompare(@Nullable Object a, @Nullable Object b) {
		return switch (this.key) {
			case "==" -> JsValues.looseEquals(a, b);
			case "!=" -> !JsValues.looseEquals(a, b);
			default -> JsValues.relational(this.key, a, b);
		};
	}

	private boolean strictCompare(@Nullable Object a, @Nullable Object b) {
		boolean same = JsValues.strictEquals(a, b);
		return this.key.equals("===") ? same : !same;
	}

	// json-logic-engine's precoerceNumber: NaN, arrays and objects fail; falsy values pass as they are.
	private static @Nullable Object precoerce(@Nullable Object value, String jsonPath)
			throws JsonLogicEvaluationException {
		if (value instanceof Double d && d.isNaN()) {
			throw notANumber(jsonPath);
		}
		if (JsValues.nativeFalsy(value)) {
			return value;
		}
		if (value instanceof List<?> || value instanceof Map<?, ?>) {
			throw notANumber(jsonPath);
		}
		return value;
	}

	private static boolean stringOrNull(@Nullable Object value) {
		return value == null || value instanceof String;
	}

	private static JsonLogicEvaluationException notANumber(String jsonPath) {
		return new JsonLogicEvaluationException("a comparison met a value that is not a number", jsonPath);
	}

}
