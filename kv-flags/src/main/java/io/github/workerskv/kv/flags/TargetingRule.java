package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.jamsesso.jsonlogic.JsonLogicException;
import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.ast.JsonLogicNode;
import io.github.jamsesso.jsonlogic.ast.JsonLogicOperation;
import io.github.jamsesso.jsonlogic.ast.JsonLogicParser;
import io.github.jamsesso.jsonlogic.ast.JsonLogicVariable;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.AllExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.ArrayHasExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.FilterExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MapExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MathExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MergeExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.MissingExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.ReduceExpression;
import io.github.jamsesso.jsonlogic.evaluator.expressions.SubstringExpression;
import org.jspecify.annotations.Nullable;

/**
 * One flag's {@code targeting}, parsed once: JSON Logic with flagd's operations, evaluated against a context
 * to a variant name (or {@code null} for "use the default variant").
 *
 * <p>Parsing fails (flagd's {@code PARSE_ERROR}) for unknown operations, objects with other than one member, and
 * variable-free parts that fail when folded, as json-logic-engine folds them while compiling. Evaluation fails
 * (flagd's {@code GENERAL}) where json-logic-engine throws: comparing a value that is not a number, {@code in}
 * on a number, boolean or object.
 */
final class TargetingRule {

	static final String FLAGD = "$flagd";

	static final String TARGETING_KEY = "targetingKey";

	/** Operations json-logic-engine never folds: flagd's own, and those that look at the data. */
	private static final Set<String> UNFOLDABLE = Set.of("fractional", "sem_ver", "starts_with", "ends_with", "missing",
			"missing_some");

	private static final Map<String, JsonLogicExpression> OPERATIONS = operations();

	private final JsonLogicNode root;

	private final Set<JsonLogicNode> folded;

	private final RuleEvaluation evaluation;

	private TargetingRule(JsonLogicNode root, Set<JsonLogicNode> folded, RuleEvaluation evaluation) {
		this.root = root;
		this.folded = folded;
		this.evaluation = evaluation;
	}

	/** @return the names of the operations rules may use */
	static Set<String> operationNames() {
		return OPERATIONS.keySet();
	}

	/**
	 * @param json the targeting rule's JSON text
	 * @param evaluation which of flagd-core's ways to answer like
	 * @return the rule
	 * @throws TargetingParseException if it is not a rule flagd-core can load
	 */
	static TargetingRule parse(String json, RuleEvaluation evaluation) {
		JsonLogicNode root;
		try {
			root = JsonLogicParser.parse(json);
		}
		catch (JsonLogicException ex) {
			throw new TargetingParseException("targeting is not JSON Logic: " + ex.getMessage(), ex);
		}
		checkOperations(root);
		if (evaluation == RuleEvaluation.INTERPRETED) {
			// flagd-core's interpreter mode checks only that every operation exists; nothing is folded.
			return new TargetingRule(root, Set.of(), evaluation);
		}
		Set<JsonLogicNode> folded = Collections.newSetFromMap(new IdentityHashMap<>());
		markFolded(root, folded);
		TargetingRule rule = new TargetingRule(root, folded, evaluation);
		rule.foldCompiledParts(root, Map.of());
		return rule;
	}

	/**
	 * @param flagKey the flag's name, as {@code $flagd.flagKey}
	 * @param context the evaluation context's values, {@code targetingKey} included
	 * @param now the evaluation time, as {@code $flagd.timestamp} in whole seconds
	 * @return what the rule answers (any rule value)
	 * @throws JsonLogicException where flagd-core's evaluation throws
	 */
	@Nullable Object evaluate(String flagKey, Map<String, @Nullable Object> context, Instant now)
			throws JsonLogicException {
		Map<String, @Nullable Object> data = new LinkedHashMap<>(context);
		Map<String, Object> flagd = new LinkedHashMap<>();
		flagd.put("flagKey", flagKey);
		flagd.put("timestamp", (double) Math.floorDiv(now.toEpochMilli(), 1000L));
		data.put(FLAGD, Collections.unmodifiableMap(flagd));
		TargetingEvaluator evaluator = (this.evaluation == RuleEvaluation.INTERPRETED)
				? TargetingEvaluator.interpreter(OPERATIONS) : new TargetingEvaluator(OPERATIONS, this.folded);
		return evaluator.evaluate(this.root, Collections.unmodifiableMap(data), "$");
	}

	private static void checkOperations(JsonLogicNode node) {
		if (node instanceof JsonLogicOperation operation) {
			if (!OPERATIONS.containsKey(operation.getOperator())) {
				throw new TargetingParseException("targeting uses the unknown operation '" + operation.getOperator()
						+ "'; known are " + new java.util.TreeSet<>(OPERATIONS.keySet()), null);
			}
			checkOperations(operation.getArguments());
		}
		else if (node instanceof JsonLogicArray array) {
			for (JsonLogicNode item : array) {
				checkOperations(item);
			}
		}
		else if (node instanceof JsonLogicVariable variable) {
			checkOperations(variable.getKey());
			checkOperations(variable.getDefaultValue());
		}
	}

	private static boolean markFolded(JsonLogicNode node, Set<JsonLogicNode> folded) {
		if (node instanceof JsonLogicVariable variable) {
			markFolded(variable.getKey(), folded);
			markFolded(variable.getDefaultValue(), folded);
			return false;
		}
		if (node instanceof JsonLogicArray array) {
			boolean all = true;
			for (JsonLogicNode item : array) {
				all &= markFolded(item, folded);
			}
			return all;
		}
		if (node instanceof JsonLogicOperation operation) {
			boolean constantArguments = markFolded(operation.getArguments(), folded);
			boolean foldable = constantArguments && !UNFOLDABLE.contains(operation.getOperator());
			if (foldable) {
				folded.add(node);
			}
			return foldable;
		}
		return true;
	}

	// json-logic-engine folds variable-free parts of the compiled rule while compiling, so their errors are parse
	// errors; parts under an interpreted "if" (fewer than three arguments) fold at their first evaluation (GENERAL).
	private void foldCompiledParts(JsonLogicNode node, Map<String, Object> data) {
		if (node instanceof JsonLogicOperation operation) {
			if (this.folded.contains(operation)) {
				try {
					new TargetingEvaluator(OPERATIONS, this.folded).evaluate(operation, data, "$");
				}
				catch (JsonLogicException | RuntimeException ex) {
					throw new TargetingParseException("targeting fails on constants: " + ex.getMessage(), ex);
				}
				return;
			}
			if ((operation.getOperator().equals("if") || operation.getOperator().equals("?:"))
					&& operation.getArguments().size() < 3) {
				return;
			}
			foldCompiledParts(operation.getArguments(), data);
		}
		else if (node instanceof JsonLogicArray array) {
			for (JsonLogicNode item : array) {
				foldCompiledParts(item, data);
			}
		}
	}

	private static Map<String, JsonLogicExpression> operations() {
		Map<String, JsonLogicExpression> operations = new HashMap<>();
		for (JsonLogicExpression expression : new JsonLogicExpression[] { MathExpression.ADD, MathExpression.SUBTRACT,
				MathExpression.MULTIPLY, MathExpression.DIVIDE, MathExpression.MODULO, MathExpression.MIN,
				MathExpression.MAX, MapExpression.INSTANCE, FilterExpression.INSTANCE, ReduceExpression.INSTANCE,
				AllExpression.INSTANCE, ArrayHasExpression.SOME, ArrayHasExpression.NONE, MergeExpression.INSTANCE,
				SubstringExpression.INSTANCE, MissingExpression.ALL, MissingExpression.SOME,
				new ConditionOperation("if"), new ConditionOperation("?:"), LogicalOperation.AND, LogicalOperation.OR,
				new NotOperation("!", true), new NotOperation("not", true), new NotOperation("!!", false),
				new ComparisonOperation("<"), new ComparisonOperation("<="), new ComparisonOperation(">"),
				new ComparisonOperation(">="), new ComparisonOperation("=="), new ComparisonOperation("!="),
				new ComparisonOperation("==="), new ComparisonOperation("!=="), new InOperation(), new CatOperation(),
				new FractionalOperation(), new SemVerOperation(), StringComparisonOperation.STARTS_WITH,
				StringComparisonOperation.ENDS_WITH }) {
			operations.put(expression.key(), expression);
		}
		return Map.copyOf(operations);
	}

}
