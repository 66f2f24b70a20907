package io.github.workerskv.kv.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * An A B A B comparison in one run: each round measures A then B (or B then A on odd rounds, so that
 * neither always goes first), and the figure is the median of the rounds' ratios with their range.
 * On a shared machine the load changes from second to second; a ratio of neighbouring measurements
 * cancels most of it, an absolute number does not.
 */
final class Rounds {

	private Rounds() {
	}

	/** One measurement of one side. */
	@FunctionalInterface
	interface Arm {

		double measure() throws Exception;

	}

	/**
	 * @param a what one round of A measured, per round
	 * @param b what one round of B measured, per round
	 * @param ratios the ratio of each round
	 */
	record Result(List<Double> a, List<Double> b, List<Double> ratios) {

		double median() {
			return Rounds.median(this.ratios);
		}

		double min() {
			return this.ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		}

		double max() {
			return this.ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		}

		double medianA() {
			return Rounds.median(this.a);
		}

		double medianB() {
			return Rounds.median(this.b);
		}

		/** @return {@code 1.13× (1.05–1.20)} */
		String ratioText() {
			return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", median(), min(), max());
		}

	}

	/**
	 * @param rounds how many rounds
	 * @param a side A
	 * @param b side B, the peer
	 * @param ratio the figure of one round from A's and B's measurements (for example {@code a / b} for
	 * throughput, {@code b / a} for time)
	 * @return every round's measurements and ratios
	 */
	static Result alternate(int rounds, Arm a, Arm b, DoubleBinaryOperator ratio) throws Exception {
		List<Double> as = new ArrayList<>();
		List<Double> bs = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			double x;
			double y;
			if (round % 2 == 0) {
				x = a.measure();
				y = b.measure();
			}
			else {
				y = b.measure();
				x = a.measure();
			}
			as.add(x);
			bs.add(y);
			ratios.add(ratio.applyAsDouble(x, y));
		}
		return new Result(as, bs, ratios);
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int n = sorted.size();
		if (n == 0) {
			return Double.NaN;
		}
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

}
