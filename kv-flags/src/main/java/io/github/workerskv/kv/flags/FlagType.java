package io.github.workerskv.kv.flags;

import tools.jackson.databind.JsonNode;

/** The type an evaluation asks for, and which JSON values have it. */
enum FlagType {

	BOOLEAN, STRING, INTEGER, DOUBLE, OBJECT,

	/** Any JSON value: {@link FeatureFlags#evaluateAll}. */
	ANY;

	boolean accepts(JsonNode value) {
		return switch (this) {
			case BOOLEAN -> value.isBoolean();
			case STRING -> value.isString();
			case INTEGER -> value.isNumber() && isWholeInt(value.doubleValue());
			case DOUBLE -> value.isNumber();
			// flagd-core accepts whatever JavaScript's typeof calls "object".
			case OBJECT -> value.isObject() || value.isArray() || value.isNull();
			case ANY -> true;
		};
	}

	private static boolean isWholeInt(double d) {
		return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
	}

}
