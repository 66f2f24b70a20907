package io.github.workerskv.kv.flags;

import java.util.List;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * flagd's {@code sem_ver}: {@code [version, operator, version]} with {@code = != < <= > >=}, {@code ^} (same
 * major) and {@code ~} (same major and minor). Operands are read as {@link SemVer#normalize(String)} reads them;
 * anything that is not a version, or an unknown operator, answers {@code null}.
 */
final class SemVerOperation implements JsonLogicExpression {

	@Override
	public String key() {
		return "sem_ver";
	}

	@Override
	public @Nullable Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		List<Object> args = evaluator.evaluate(arguments, data, jsonPath);
		if (args.size() != 3) {
			return null;
		}
		SemVer left = SemVer.normalize(JsValues.toJsString(args.get(0)));
		SemVer right = SemVer.normalize(JsValues.toJsString(args.get(2)));
		if (left == null || right == null) {
			return null;
		}
		int c = left.compareTo(right);
		return switch (JsValues.toJsString(args.get(1))) {
			case "=" -> c == 0;
			case "!=" -> c != 0;
			case "<" -> c < 0;
			case "<=" -> c <= 0;
			case ">=" -> c >= 0;
			case ">" -> c > 0;
			case "^" -> left.major() == right.major();
			case "~" -> left.major() == right.major() && left.minor() == right.minor();
			default -> null;
		};
	}

}
