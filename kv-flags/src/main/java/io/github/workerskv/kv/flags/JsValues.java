package io.github.workerskv.kv.flags;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * JavaScript's value semantics, as json-logic-engine (the JSON Logic engine of {@code @openfeature/flagd-core})
 * applies them to rule values: truthiness, {@code ToNumber}, {@code ToString}, {@code ==} and {@code ===}.
 *
 * <p>Values are those of {@link TargetingData}: {@code null}, {@link Boolean}, {@link Double}, {@link String},
 * {@link List} and {@link Map}; {@link #UNDEFINED} stands for JavaScript's {@code undefined}.
 */
final class JsValues {

	/** JavaScript's {@code undefined}: a property that does not exist. */
	static final Object UNDEFINED = new Object() {
		@Override
		public String toString() {
			return "undefined";
		}
	};

	private static final Pattern DECIMAL = Pattern
		.compile("[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|Infinity)");

	private static final Pattern CANONICAL_INDEX = Pattern.compile("0|[1-9]\\d{0,8}");

	private JsValues() {
	}

	/** @return whether JavaScript itself treats the value as false ({@code !value}) */
	static boolean nativeFalsy(@Nullable Object value) {
		if (value == null || value == UNDEFINED) {
			return true;
		}
		if (value instanceof Boolean b) {
			return !b;
		}
		if (value instanceof Double d) {
			return d == 0 || d.isNaN();
		}
		if (value instanceof String s) {
			return s.isEmpty();
		}
		return false;
	}

	/** @return json-logic-engine's {@code engine.truthy}: native truthiness, but empty arrays and objects are false */
	static boolean truthy(@Nullable Object value) {
		if (nativeFalsy(value)) {
			return false;
		}
		if (value instanceof List<?> list) {
			return !list.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		return true;
	}

	/** @return JavaScript's {@code typeof}, with {@code null} and arrays as {@code "object"} */
	static String typeOf(@Nullable Object value) {
		if (value == UNDEFINED) {
			return "undefined";
		}
		if (value instanceof Boolean) {
			return "boolean";
		}
		if (value instanceof Double) {
			return "number";
		}
		if (value instanceof String) {
			return "string";
		}
		return "object";
	}

	/** @return JavaScript's {@code +value} */
	static double toNumber(@Nullable Object value) {
		if (value == null) {
			return 0;
		}
		if (value == UNDEFINED) {
			return Double.NaN;
		}
		if (value instanceof Boolean b) {
			return b ? 1 : 0;
		}
		if (value instanceof Double d) {
			return d;
		}
		if (value instanceof String s) {
			return stringToNumber(s);
		}
		if (value instanceof List<?>) {
			return stringToNumber(toJsString(value));
		}
		return Double.NaN;
	}

	private static double stringToNumber(String text) {
		String s = trimJs(text);
		if (s.isEmpty()) {
			return 0;
		}
		if (s.length() > 2 && s.charAt(0) == '0') {
			int radix = switch (s.charAt(1)) {
				case 'x', 'X' -> 16;
				case 'o', 'O' -> 8;
				case 'b', 'B' -> 2;
				default -> 0;
			};
			if (radix != 0) {
				try {
					return new java.math.BigInteger(s.substring(2), radix).doubleValue();
				}
				catch (NumberFormatException ex) {
					return Double.NaN;
				}
			}
		}
		if (!DECIMAL.matcher(s).matches()) {
			return Double.NaN;
		}
		if (s.endsWith("Infinity")) {
			return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
		}
		return Double.parseDouble(s);
	}

	static String trimJs(String s) {
		int start = 0;
		int end = s.length();
		while (start < end && isJsWhitespace(s.charAt(start))) {
			start++;
		}
		while (end > start && isJsWhitespace(s.charAt(end - 1))) {
			end--;
		}
		return s.substring(start, end);
	}

	private static boolean isJsWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u00A0'
				|| c == '\uFEFF' || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
	}

	/** @return JavaScript's {@code String(value)} */
	static String toJsString(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value == UNDEFINED) {
			return "undefined";
		}
		if (value instanceof Double d) {
			return numberToString(d);
		}
		if (value instanceof List<?> list) {
			StringBuilder joined = new StringBuilder();
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					joined.append(',');
				}
				Object item = list.get(i);
				if (item != null && item != UNDEFINED) {
					joined.append(toJsString(item));
				}
			}
			return joined.toString();
		}
		if (value instanceof Map<?, ?>) {
			return "[object Object]";
		}
		return value.toString();
	}

	/** @return JavaScript's {@code Number.prototype.toString()} for the double */
	static String numberToString(double d) {
		if (Double.isNaN(d)) {
			return "NaN";
		}
		if (Double.isInfinite(d)) {
			return (d > 0) ? "Infinity" : "-Infinity";
		}
		if (d == 0) {
			return "0";
		}
		double abs = Math.abs(d);
		if (abs >= 1e-6 && abs < 1e21) {
			return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
		}
		String java = Double.toString(d);
		int e = java.indexOf('E');
		String mantissa = new BigDecimal(java.substring(0, e)).stripTrailingZeros().toPlainString();
		int exponent = Integer.parseInt(java.substring(e + 1));
		return mantissa + "e" + ((exponent > 0) ? "+" : "") + exponent;
	}

	/** @return JavaScript's {@code a === b}: same type and value, objects by identity */
	static boolean strictEquals(@Nullable Object a, @Nullable Object b) {
		if (a instanceof Double x && b instanceof Double y) {
			return x.doubleValue() == y.doubleValue();
		}
		if (a instanceof String || a instanceof Boolean) {
			return a.equals(b);
		}
		return a == b;
	}

	/** @return JavaScript's {@code a == b} */
	static boolean looseEquals(@Nullable Object a, @Nullable Object b) {
		boolean aNullish = a == null || a == UNDEFINED;
		boolean bNullish = b == null || b == UNDEFINED;
		if (aNullish || bNullish) {
			return aNullish && bNullish;
		}
		if (typeOf(a).equals(typeOf(b))) {
			return strictEquals(a, b);
		}
		boolean aObject = a instanceof List<?> || a instanceof Map<?, ?>;
		boolean bObject = b instanceof List<?> || b instanceof Map<?, ?>;
		if (aObject && bObject) {
			return a == b;
		}
		if (aObject) {
			return looseEquals(toJsString(a), b);
		}
		if (bObject) {
			return looseEquals(a, toJsString(b));
		}
		return toNumber(a) == toNumber(b);
	}

	/**
	 * JavaScript's relational operators on primitives: strings compare by UTF-16 code units, anything else as
	 * numbers.
	 * @param operator one of {@code < <= > >=}
	 */
	static boolean relational(String operator, @Nullable Object a, @Nullable Object b) {
		if (a instanceof String x && b instanceof String y) {
			int c = x.compareTo(y);
			return switch (operator) {
				case "<" -> c < 0;
				case "<=" -> c <= 0;
				case ">" -> c > 0;
				default -> c >= 0;
			};
		}
		double x = toNumber((a instanceof List<?> || a instanceof Map<?, ?>) ? toJsString(a) : a);
		double y = toNumber((b instanceof List<?> || b instanceof Map<?, ?>) ? toJsString(b) : b);
		return switch (operator) {
			case "<" -> x < y;
			case "<=" -> x <= y;
			case ">" -> x > y;
			default -> x >= y;
		};
	}

	/** @return the property of a value as JavaScript reads {@code value[name]}, or {@link #UNDEFINED} */
	static Object property(@Nullable Object value, String name) {
		if (value instanceof Map<?, ?> map) {
			return map.containsKey(name) ? map.get(name) : UNDEFINED;
		}
		if (value instanceof List<?> list) {
			if (name.equals("length")) {
				return (double) list.size();
			}
			if (CANONICAL_INDEX.matcher(name).matches()) {
				int index = Integer.parseInt(name);
				return (index < list.size()) ? list.get(index) : UNDEFINED;
			}
			return UNDEFINED;
		}
		if (value instanceof String s) {
			if (name.equals("length")) {
				return (double) s.length();
			}
			if (CANONICAL_INDEX.matcher(name).matches()) {
				int index = Integer.parseInt(name);
				return (index < s.length()) ? String.valueOf(s.charAt(index)) : UNDEFINED;
			}
		}
		return UNDEFINED;
	}

}
