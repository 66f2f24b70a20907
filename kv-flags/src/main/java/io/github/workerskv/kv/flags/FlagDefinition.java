package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.jamsesso.jsonlogic.JsonLogicException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A flagd flag definition ({@code state}, {@code variants}, {@code defaultVariant}, {@code targeting}),
 * evaluated as flagd-core's {@code FeatureFlag} evaluates it.
 */
final class FlagDefinition {

	private final String key;

	private final boolean enabled;

	private final Map<String, JsonNode> variants;

	private final @Nullable String defaultVariant;

	private final @Nullable TargetingRule targeting;

	private final @Nullable String targetingError;

	private FlagDefinition(String key, boolean enabled, Map<String, JsonNode> variants, @Nullable String defaultVariant,
			@Nullable TargetingRule targeting, @Nullable String targetingError) {
		this.key = key;
		this.enabled = enabled;
		this.variants = variants;
		this.defaultVariant = defaultVariant;
		this.targeting = targeting;
		this.targetingError = targetingError;
	}

	/** @return whether a flag's JSON value is a flagd definition rather than a plain value */
	static boolean isDefinition(JsonNode value) {
		return value.isObject() && value.has("variants");
	}

	/**
	 * @param key the flag's name
	 * @param node the definition, {@code $ref}s already replaced
	 * @param evaluation which of flagd-core's ways to answer like
	 * @return the definition
	 * @throws IllegalArgumentException if flagd-core would refuse it (state, variants or defaultVariant)
	 */
	static FlagDefinition parse(String key, JsonNode node, RuleEvaluation evaluation) {
		String state = node.path("state").isString() ? node.path("state").stringValue() : null;
		if (!"ENABLED".equals(state) && !"DISABLED".equals(state)) {
			throw new IllegalArgumentException("flag '" + key + "' has state " + node.path("state")
					+ "; it must be \"ENABLED\" or \"DISABLED\"");
		}
		JsonNode variantsNode = node.get("variants");
		if (variantsNode == null || !variantsNode.isObject()) {
			throw new IllegalArgumentException("flag '" + key + "' must have an object of variants");
		}
		Map<String, JsonNode> variants = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> variant : variantsNode.properties()) {
			variants.put(variant.getKey(), variant.getValue());
		}
		JsonNode defaultNode = node.path("defaultVariant");
		String defaultVariant = null;
		if (!JsValues.nativeFalsy(TargetingData.of(defaultNode))) {
			if (!defaultNode.isString() || !variants.containsKey(defaultNode.stringValue())) {
				throw new IllegalArgumentException("flag '" + key + "' has defaultVariant " + defaultNode
						+ ", which is not one of its variants " + variants.keySet());
			}
			defaultVariant = defaultNode.stringValue();
		}
		TargetingRule targeting = null;
		String targetingError = null;
		JsonNode targetingNode = node.path("targeting");
		if (hasTargeting(targetingNode)) {
			try {
				targeting = TargetingRule.parse(targetingNode.toString(), evaluation);
			}
			catch (TargetingParseException ex) {
				targetingError = "Invalid targeting configuration for flag '" + key + "': " + ex.getMessage();
			}
		}
		return new FlagDefinition(key, "ENABLED".equals(state), variants, defaultVariant, targeting, targetingError);
	}

	// flagd-core: targeting && Object.keys(targeting).length > 0
	private static boolean hasTargeting(JsonNode targeting) {
		if (targeting.isObject() || targeting.isArray()) {
			return !targeting.isEmpty();
		}
		return targeting.isString() && !targeting.stringValue().isEmpty();
	}

	/** @return why the targeting cannot be compiled, or {@code null} */
	@Nullable String targetingError() {
		return this.targetingError;
	}

	/**
	 * @param context the context's values, {@code targetingKey} included
	 * @param now the evaluation time
	 * @return the resolution before the caller's type applies
	 */
	Resolution resolve(Map<String, @Nullable Object> context, Instant now) {
		if (!this.enabled) {
			return Resolution.noValue(FlagReason.DISABLED);
		}
		if (this.targetingError != null) {
			return Resolution.error(FlagErrorCode.PARSE_ERROR, this.targetingError);
		}
		String variant;
		FlagReason reason;
		if (this.targeting == null) {
			variant = this.defaultVariant;
			reason = FlagReason.STATIC;
		}
		else {
			Object result;
			try {
				result = this.targeting.evaluate(this.key, context, now);
			}
			catch (JsonLogicException | RuntimeException ex) {
				return Resolution.error(FlagErrorCode.GENERAL,
						"Error evaluating targeting rule for flag '" + this.key + "': " + ex.getMessage());
			}
			if (result == null || result == JsValues.UNDEFINED) {
				variant = this.defaultVariant;
				reason = FlagReason.DEFAULT;
			}
			else {
				variant = JsValues.toJsString(result);
				reason = FlagReason.TARGETING_MATCH;
			}
		}
		if (variant == null) {
			return Resolution.noValue(FlagReason.DEFAULT);
		}
		JsonNode value = this.variants.get(variant);
		if (value == null) {
			return Resolution.error(FlagErrorCode.GENERAL,
					"Variant '" + variant + "' not found in flag with key '" + this.key + "'");
		}
		return Resolution.of(value, variant, reason);
	}

}
