package io.github.workerskv.kv.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.jamsesso.jsonlogic.ast.JsonLogicArray;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluationException;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicEvaluator;
import io.github.jamsesso.jsonlogic.evaluator.JsonLogicExpression;
import org.jspecify.annotations.Nullable;

/**
 * flagd's {@code fractional}: sticky, weighted buckets.
 *
 * <p>{@code ["bucketing text"?, [variant, weight?], ...]}. Without a leading string the bucketing value is
 * {@code $flagd.flagKey + targetingKey} (and then no targeting key means no bucket). The bucket is
 * {@code (murmur3(value) * totalWeight) >> 32} over the unsigned 32-bit hash, and the first variant whose running
 * weight exceeds it wins. A variant is a string, number, boolean or {@code null}; a weight an integer (negative
 * ones count as 0, default 1). Anything malformed, or a total weight above 2^31 - 1, answers {@code null}, which
 * falls back to the default variant.
 */
final class FractionalOperation implements JsonLogicExpression {

	private static final long MAX_WEIGHT = Integer.MAX_VALUE;

	@Override
	public String key() {
		return "fractional";
	}

	@Override
	public @Nullable Object evaluate(JsonLogicEvaluator evaluator, JsonLogicArray arguments, @Nullable Object data,
			String jsonPath) throws JsonLogicEvaluationException {
		List<Object> args = evaluator.evaluate(arguments, data, jsonPath);
		if (args.isEmpty() || !(data instanceof Map<?, ?> context)
				|| !(context.get(TargetingRule.FLAGD) instanceof Map<?, ?> flagd)) {
			return null;
		}
		String bucketBy;
		List<Object> buckets;
		if (args.get(0) instanceof String text) {
			bucketBy = text;
			buckets = args.subList(1, args.size());
		}
		else {
			Object targetingKey = context.containsKey(TargetingRule.TARGETING_KEY)
					? context.get(TargetingRule.TARGETING_KEY) : JsValues.UNDEFINED;
			if (JsValues.nativeFalsy(targetingKey)) {
				return null;
			}
			Object flagKey = flagd.containsKey("flagKey") ? flagd.get("flagKey") : JsValues.UNDEFINED;
			bucketBy = JsValues.toJsString(flagKey) + JsValues.toJsString(targetingKey);
			buckets = args;
		}
		List<Object> variants = new ArrayList<>(buckets.size());
		List<Long> weights = new ArrayList<>(buckets.size());
		long totalWeight = 0;
		for (Object bucket : buckets) {
			if (!(bucket instanceof List<?> entry) || entry.isEmpty() || entry.size() > 2) {
				return null;
			}
			Object variant = entry.get(0);
			if (variant == JsValues.UNDEFINED) {
				variant = null;
			}
			if (!(variant == null || variant instanceof String || variant instanceof Double || variant instanceof Boolean)) {
				return null;
			}
			long weight = 1;
			if (entry.size() == 2) {
				if (!(entry.get(1) instanceof Double raw) || raw.isInfinite() || raw != Math.rint(raw)) {
					return null;
				}
				weight = (long) Math.max(0, Math.min(raw, 1e15));
			}
			variants.add(variant);
			weights.add(weight);
			totalWeight += weight;
		}
		if (totalWeight > MAX_WEIGHT) {
			return null;
		}
		long bucket = (MurmurHash3.hashUnsigned(bucketBy) * totalWeight) >>> 32;
		long sum = 0;
		for (int i = 0; i < variants.size(); i++) {
			sum += weights.get(i);
			if (sum > bucket) {
				return variants.get(i);
			}
		}
		return null;
	}

}
