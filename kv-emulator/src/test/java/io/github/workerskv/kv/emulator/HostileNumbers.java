package io.github.workerskv.kv.emulator;

import java.math.BigInteger;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Texts that look like numbers, or almost: huge and tiny exponents, long digit strings, signs,
 * whitespace, other scripts' digits, fractions, separators, hex; and the reference reading of them
 * that {@link DecimalInteger} must agree with.
 */
final class HostileNumbers {

	private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

	private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);

	private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

	/** The zeros of other scripts' digits, all {@link Character#isDigit}: Arabic-Indic, Devanagari, fullwidth, NKo, bold maths. */
	private static final Integer[] FOREIGN_ZEROS = { 0x0660, 0x0966, 0xFF10, 0x07C0, 0x1D7CE };

	private HostileNumbers() {
	}

	/**
	 * @param maxLength the longest text drawn (query strings must fit Jetty's 8 KiB header limit)
	 * @return hostile numeric texts
	 */
	static Arbitrary<String> texts(int maxLength) {
		return Arbitraries.frequencyOf(
				Tuple.of(3, exponents()),
				Tuple.of(2, longDigits(maxLength)),
				Tuple.of(2, padded()),
				Tuple.of(2, foreignDigits()),
				Tuple.of(3, soup()),
				Tuple.of(2, integers()));
	}

	/** The reference: a sign and ASCII digits, at most 32 characters, classified with BigInteger. */
	static DecimalInteger expected(String text) {
		if (text.length() > DecimalInteger.MAX_LENGTH) {
			return new DecimalInteger(DecimalInteger.Kind.TOO_LONG, 0);
		}
		if (!INTEGER.matcher(text).matches()) {
			return new DecimalInteger(DecimalInteger.Kind.NOT_AN_INTEGER, 0);
		}
		BigInteger value = new BigInteger(text);
		if (value.compareTo(MAX_LONG) > 0) {
			return new DecimalInteger(DecimalInteger.Kind.TOO_LARGE, 0);
		}
		if (value.compareTo(MIN_LONG) < 0) {
			return new DecimalInteger(DecimalInteger.Kind.TOO_SMALL, 0);
		}
		return new DecimalInteger(DecimalInteger.Kind.INTEGER, value.longValueExact());
	}

	/** {@code 1e999999999}, {@code -9.5E-2147483648}, {@code 1e+10}... */
	static Arbitrary<String> exponents() {
		Arbitrary<String> mantissa = Arbitraries.oneOf(Arbitraries.of("1", "9", "0", "-1", "+1", "1.5", ".5", "9."),
				Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20));
		Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.of("999999999", "2147483647", "2147483648",
				"100000000", "10000000", "9999999999999999999", "0", "1", "10"),
				Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12));
		return Combinators.combine(mantissa, Arbitraries.of("e", "E", "e+", "e-", "E+", "E-"), exponent)
			.as((m, e, x) -> m + e + x);
	}

	/** Digit strings longer than a long, with or without leading zeros and signs. */
	static Arbitrary<String> longDigits(int maxLength) {
		Arbitrary<Integer> length = Arbitraries.integers().between(19, maxLength).shrinkTowards(19);
		return Combinators.combine(Arbitraries.of("", "-", "+", "0000000000"), length, Arbitraries.of('0', '1', '9'))
			.as((sign, n, digit) -> sign + String.valueOf(digit).repeat(n))
			.map((text) -> text.length() > maxLength ? text.substring(0, maxLength) : text);
	}

	/** Valid-looking integers with whitespace, doubled signs, separators or a fraction around them. */
	static Arbitrary<String> padded() {
		return Combinators.combine(Arbitraries.of("", " ", "\t", "\n", "\u00a0", "\u2003", "+", "-", "--", "+-", "0x"),
				Arbitraries.longs().between(-3_000_000_000L, 3_000_000_000L).map(String::valueOf),
				Arbitraries.of("", " ", "\t", ".0", ".", ",000", "_000", "e0", "L", "\u0000", "%"))
			.as((before, number, after) -> before + number + after);
	}

	/** Numbers written in other scripts' digits, alone or mixed with ASCII digits. */
	static Arbitrary<String> foreignDigits() {
		return Combinators.combine(Arbitraries.of(FOREIGN_ZEROS), Arbitraries.integers().between(0, 9).list().ofMinSize(1).ofMaxSize(12),
				Arbitraries.of("", "1", "12"))
			.as((base, digits, ascii) -> {
				StringBuilder text = new StringBuilder(ascii);
				digits.forEach((digit) -> text.appendCodePoint(base + digit));
				return text.toString();
			});
	}

	/** Short random mixtures of digits, signs, dots, exponent letters, spaces and foreign digits. */
	static Arbitrary<String> soup() {
		Arbitrary<String> piece = Arbitraries.frequencyOf(
				Tuple.of(8, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3)),
				Tuple.of(3, Arbitraries.of("+", "-", ".", "e", "E", " ", "x", "_", ",", "Infinity", "NaN", "\uFFFD")),
				Tuple.of(1, Arbitraries.of(FOREIGN_ZEROS).map((zero) -> new String(Character.toChars(zero + 1)))));
		return piece.list().ofMinSize(0).ofMaxSize(14).map((pieces) -> String.join("", pieces));
	}

	/** Honest integers, most of them near the edges that matter (0, 60, 2^31, 2^63). */
	static Arbitrary<String> integers() {
		return Arbitraries.oneOf(
				Arbitraries.of(0L, 1L, 59L, 60L, 61L, 1000L, 1001L, Integer.MAX_VALUE + 0L, Integer.MAX_VALUE + 1L,
						Long.MAX_VALUE, Long.MIN_VALUE, -1L)
					.map(String::valueOf),
				Arbitraries.of("9223372036854775808", "-9223372036854775809", "18446744073709551616", "000060", "+60",
						"-0", "1767225660", "1767225659"),
				Arbitraries.longs().map(String::valueOf));
	}

}
