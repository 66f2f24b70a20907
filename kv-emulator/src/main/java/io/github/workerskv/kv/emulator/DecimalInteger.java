package io.github.workerskv.kv.emulator;

/**
 * A whole number read strictly from request text ({@code expiration}, {@code expiration_ttl},
 * {@code limit}, {@code page}...), with a fixed bound on the work whatever the input: at most
 * {@value #MAX_LENGTH} characters are examined, so a megabyte of digits or {@code 1e999999999} costs
 * no more than {@code 120}. Nothing is rescaled or expanded.
 *
 * <p>Accepted: an optional {@code +} or {@code -} followed by ASCII digits {@code 0-9}, at most
 * {@value #MAX_LENGTH} characters in all. Everything else is not an integer: exponents, fractions,
 * whitespace, digit separators, other scripts' digits, {@code Infinity}, the empty text.
 *
 * @param kind what the text is
 * @param value the number, when {@code kind} is {@link Kind#INTEGER}; otherwise 0
 */
record DecimalInteger(Kind kind, long value) {

	/** The longest text examined; longer text is {@link Kind#TOO_LONG} without being read. */
	static final int MAX_LENGTH = 32;

	/** What a text turned out to be. */
	enum Kind {

		/** An integer in the range of a {@code long}. */
		INTEGER,

		/** An integer above {@link Long#MAX_VALUE}. */
		TOO_LARGE,

		/** An integer below {@link Long#MIN_VALUE}. */
		TOO_SMALL,

		/** More than {@value DecimalInteger#MAX_LENGTH} characters, not examined. */
		TOO_LONG,

		/** Not an optional sign followed by ASCII digits. */
		NOT_AN_INTEGER

	}

	/**
	 * Reads a text, calling {@link CharSequence#length()} once and {@link CharSequence#charAt(int)}
	 * at most {@value #MAX_LENGTH} times.
	 * @param text the text, for example a decoded query parameter
	 * @return what it is, and its value if it is an integer
	 */
	static DecimalInteger parse(CharSequence text) {
		int length = text.length();
		if (length > MAX_LENGTH) {
			return new DecimalInteger(Kind.TOO_LONG, 0);
		}
		if (length == 0) {
			return new DecimalInteger(Kind.NOT_AN_INTEGER, 0);
		}
		char first = text.charAt(0);
		boolean negative = first == '-';
		int start = (negative || first == '+') ? 1 : 0;
		if (start == length) {
			return new DecimalInteger(Kind.NOT_AN_INTEGER, 0);
		}
		// Accumulated as a negative number, whose range includes Long.MIN_VALUE.
		long accumulated = 0;
		boolean overflow = false;
		for (int i = start; i < length; i++) {
			char c = (i == 0) ? first : text.charAt(i);
			if (c < '0' || c > '9') {
				return new DecimalInteger(Kind.NOT_AN_INTEGER, 0);
			}
			int digit = c - '0';
			if (!overflow && accumulated < (Long.MIN_VALUE + digit) / 10) {
				overflow = true;
			}
			if (!overflow) {
				accumulated = accumulated * 10 - digit;
			}
		}
		if (negative) {
			return overflow ? new DecimalInteger(Kind.TOO_SMALL, 0) : new DecimalInteger(Kind.INTEGER, accumulated);
		}
		if (overflow || accumulated == Long.MIN_VALUE) {
			return new DecimalInteger(Kind.TOO_LARGE, 0);
		}
		return new DecimalInteger(Kind.INTEGER, -accumulated);
	}

	/** @return whether the text is an integer in the range of a {@code long} */
	boolean isInteger() {
		return this.kind == Kind.INTEGER;
	}

}
