package io.github.workerskv.kv.emulator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DecimalInteger} reads every hostile number as the reference does (a sign and ASCII digits,
 * at most 32 characters, classified with {@code BigInteger}) and its work has a fixed bound: it asks
 * for the length once and looks at no more than 32 characters, whether the input is {@code 120} or
 * two million digits. Work is counted through a {@link CharSequence} that refuses bulk access.
 */
class DecimalIntegerProperties {

	@Property(tries = 3000)
	void agreesWithTheReferenceAndExaminesAtMost32Characters(@ForAll("hostile") String text) {
		CountingText counted = new CountingText(text);

		DecimalInteger parsed = DecimalInteger.parse(counted);

		assertThat(parsed).isEqualTo(HostileNumbers.expected(text));
		assertThat(counted.lengthCalls).isEqualTo(1);
		assertThat(counted.charsExamined).isLessThanOrEqualTo(Math.min(text.length(), DecimalInteger.MAX_LENGTH));
	}

	@Property(tries = 1000)
	void readsEveryLongExactly(@ForAll long value) {
		assertThat(DecimalInteger.parse(Long.toString(value))).isEqualTo(new DecimalInteger(DecimalInteger.Kind.INTEGER, value));
	}

	@Example
	void examinesNoMoreOfTwoMillionDigitsThanOfAShortNumber() {
		CountingText huge = new CountingText("9".repeat(2_000_000));
		CountingText exponent = new CountingText("1e" + "9".repeat(1_000_000));
		CountingText shortNumber = new CountingText("120");

		assertThat(DecimalInteger.parse(huge).kind()).isEqualTo(DecimalInteger.Kind.TOO_LONG);
		assertThat(DecimalInteger.parse(exponent).kind()).isEqualTo(DecimalInteger.Kind.TOO_LONG);
		assertThat(DecimalInteger.parse(shortNumber).value()).isEqualTo(120);
		assertThat(huge.charsExamined + exponent.charsExamined).isZero();
		assertThat(shortNumber.charsExamined).isEqualTo(3);
	}

	@Provide
	Arbitrary<String> hostile() {
		return Arbitraries.oneOf(HostileNumbers.texts(2_000_000), HostileNumbers.texts(40));
	}

	/** A text that counts how much of it is read and allows nothing but {@code length} and {@code charAt}. */
	private static final class CountingText implements CharSequence {

		private final String text;

		private int lengthCalls;

		private int charsExamined;

		CountingText(String text) {
			this.text = text;
		}

		@Override
		public int length() {
			this.lengthCalls++;
			return this.text.length();
		}

		@Override
		public char charAt(int index) {
			this.charsExamined++;
			return this.text.charAt(index);
		}

		@Override
		public CharSequence subSequence(int start, int end) {
			throw new UnsupportedOperationException("the parser must not copy its input");
		}

		@Override
		public String toString() {
			throw new UnsupportedOperationException("the parser must not copy its input");
		}

	}

}
