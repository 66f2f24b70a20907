package io.github.workerskv.kv.flags;

import java.util.Map;
import java.util.Set;

import io.github.jamsesso.jsonlogic.ast.JsonLogicNode;
import io.github.jamsesso.jsonlogic.ast.JsonLogicOperation;
import io.github.jamsesso.jsonlogic.ast.JsonLogicPrimitive;
import io.github.jamsesso.jsonlogic.ast.JsonLogicVariable;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * json-logic-java's evaluator, run the way flagd-core's json-logic-engine runs a rule.
 *
 * <p>json-logic-engine compiles a rule to JavaScript, but evaluates parts without variables (which it folds
 * while compiling) and the branches of an {@code if} with fewer than three arguments with its interpreter, and
 * the two disagree in a few corners: {@code cat} of {@code null}, {@code var} paths through falsy values. This
 * evaluator therefore comes in two modes, {@link Mode#COMPILED} and {@link Mode#INTERPRETED}; the operations
 * read {@link #mode()} where the two differ.
 *
 * <p>The compiled code keeps one scratch variable, {@code prev}, that variable reads, {@code and}/{@code or} and
 * comparisons assign, and that comparisons read to decide how to coerce their right-hand side; a right-hand side
 * that reads a variable therefore replaces the left-hand value in that decision. {@link #prev} reproduces it.
 * One evaluator serves one evaluation.
 */
final class TargetingEvaluator extends JsonLogicEvaluator {

	/** Which of json-logic-engine's two evaluation paths a part of a rule takes. */
	enum Mode {

		/** The compiled top of a rule. */
		COMPILED,

		/** Under {@code if}, or without variables. */
		INTERPRETED

	}

	private final Mode mode;

	private final Set<JsonLogicNode> folded;

	private final TargetingEvaluator interpreted;

	/** The compiled code's {@code prev}: the value most recently assigned to it. */
	@Nullable Object prev;

	/**
	 * @param operations the operations by name
	 * @param folded the operation nodes json-logic-engine folds at compile time (compared by identity)
	 */
	TargetingEvaluator(Map<String, JsonLogicExpression> operations, Set<JsonLogicNode> folded) {
		super(operations);
		this.mode = Mode.COMPILED;
		this.folded = folded;
		this.interpreted = new TargetingEvaluator(operations, this);
	}

	/**
	 * @param operations the operations by name
	 * @return an evaluator that runs a whole rule as json-logic-engine's interpreter does
	 */
	static TargetingEvaluator interpreter(Map<String, JsonLogicExpression> operations) {
		return new TargetingEvaluator(operations, Set.of(), Mode.INTERPRETED);
	}

	private TargetingEvaluator(Map<String, JsonLogicExpression> operations, Set<JsonLogicNode> folded, Mode mode) {
		super(operations);
		this.mode = mode;
		this.folded = folded;
		this.interpreted = this;
	}

	private TargetingEvaluator(Map<String, JsonLogicExpression> operations, TargetingEvaluator compiled) {
		super(operations);
		this.mode = Mode.INTERPRETED;
		this.folded = compiled.folded;
		this.interpreted = this;
	}

	boolean isFolded(JsonLogicNode node) {
		return this.folded.contains(node);
	}

	Mode mode() {
		return this.mode;
	}

	/** @return this evaluator's interpreted twin (itself if it is interpreted) */
	TargetingEvaluator interpreted() {
		return this.interpreted;
	}

	@Override
	public @Nullable Object evaluate(JsonLogicNode node, @Nullable Object data, String jsonPath)
			throws JsonLogicEvaluationException {
		if (this.mode == Mode.COMPILED && node instanceof JsonLogicOperation && this.folded.contains(node)) {
			return this.interpreted.evaluate(node, data, jsonPath);
		}
		return super.evaluate(node, data, jsonPath);
	}

	@Override
	public @Nullable Object evaluate(JsonLogicVariable variable, @Nullable Object data, String jsonPath)
			throws JsonLogicEvaluationException {
		JsonLogicNode keyNode = variable.getKey();
		Object key = evaluate(keyNode, data, jsonPath + "[0]");
		boolean literalKey = keyNode instanceof JsonLogicPrimitive<?>;
		if (key == null || "".equals(key)) {
			return data;
		}
		String path = (key instanceof Double d) ? JsValues.numberToString(d) : JsValues.toJsString(key);
		if (this.mode == Mode.COMPILED && literalKey) {
			Object value = data;
			for (String part : PathSplitter.split(path)) {
				if (value == null || value == JsValues.UNDEFINED) {
					break;
				}
				value = JsValues.property(value, part);
			}
			Object result = (value == null || value == JsValues.UNDEFINED)
					? evaluate(variable.getDefaultValue(), data, jsonPath + "[1]") : value;
			this.prev = result;
			return result;
		}
		boolean unary = variable.getDefaultValue() instanceof JsonLogicPrimitive<?> primitive
				&& primitive.getValue() == null;
		if (this.mode == Mode.INTERPRETED && unary && literalKey) {
			var parts = PathSplitter.split(path);
			if (!path.contains(".") && !path.contains("\\")) {
				Object value = JsValues.property(data, path);
				return (value == JsValues.UNDEFINED) ? null : value;
			}
			if (parts.size() == 2 || parts.size() == 3) {
				// json-logic-engine reads "a.b" as data.a && data.a.b: a falsy step is the answer.
				Object value = data;
				for (String part : parts) {
					value = JsValues.property(value, part);
					if (JsValues.nativeFalsy(value)) {
						break;
					}
				}
				return (value == JsValues.UNDEFINED) ? null : value;
			}
		}
		Object notFound = evaluate(variable.getDefaultValue(), data, jsonPath + "[1]");
		Object value = data;
		for (String part : PathSplitter.split(path)) {
			if (value == null || value == JsValues.UNDEFINED) {
				return notFound;
			}
			value = JsValues.property(value, part);
			if (value == JsValues.UNDEFINED) {
				return notFound;
			}
		}
		return value;
	}

}
