package io.github.workerskv.kv.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where drivers write what they measured, for {@code run-all.sh} to assemble into {@code docs/benchmarks.md}:
 * one line per figure in {@code summary.md} (a row of the table) and the rounds behind it in
 * {@code details.md}, both in the directory of the system property {@code kv.bench.out}
 * (default {@code kv-benchmarks/target/bench}). Also printed to standard output.
 */
final class Report {

	private final Path directory;

	private Report(Path directory) {
		this.directory = directory;
	}

	static Report open() {
		Path directory = Path.of(System.getProperty("kv.bench.out", "kv-benchmarks/target/bench"));
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Report(directory);
	}

	/**
	 * @param what the figure, as the table names it
	 * @param ours what we measured, with its unit
	 * @param peer what the peer measured, with its unit
	 * @param ratio the ratio, median and range
	 * @param target the target
	 * @param met whether the target is met
	 */
	void figure(String what, String ours, String peer, String ratio, String target, boolean met) {
		String line = "| " + what + " | " + ours + " | " + peer + " | " + ratio + " | " + target + " | "
				+ (met ? "met" : "**missed**") + " |";
		append("summary.md", line + "\n");
		System.out.println(line);
	}

	/**
	 * @param title what was compared
	 * @param unit the unit of the rounds' measurements
	 * @param result the rounds
	 */
	void rounds(String title, String unit, Rounds.Result result) {
		String text = "- " + title + " (" + unit + "): A " + format(result.a()) + "; B " + format(result.b())
				+ "; ratio per round " + format(result.ratios()) + "\n";
		append("details.md", text);
		System.out.print(text);
	}

	/**
	 * Records how many of a driver's calls failed (none, usually), for the table's readers.
	 * @param driver the driver
	 * @param tally its calls
	 */
	void failures(String driver, ClosedLoop.Tally tally) {
		String line = String.format(Locale.ROOT, "- %s: %,d of %,d calls failed%s", driver, tally.failed(), tally.calls(),
				(tally.first() == null) ? "" : "; the first: " + tally.first());
		append("failures.md", line + "\n");
		System.out.println(line);
	}

	void note(String text) {
		append("details.md", text + "\n");
		System.out.println(text);
	}

	private static String format(List<Double> values) {
		return values.stream().map((value) -> String.format(Locale.ROOT, (Math.abs(value) >= 100) ? "%.0f" : "%.3g", value))
			.collect(Collectors.joining(" ", "[", "]"));
	}

	private void append(String file, String text) {
		try {
			Files.writeString(this.directory.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
