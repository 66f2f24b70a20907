package io.github.workerskv.kv.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.workerskv.kv.benchmarks.startup.StartupApp;
import tools.jackson.databind.JsonNode;

/**
 * Row 10 of the table: the start-up time the starter adds to a Boot application. {@link StartupApp} (no web
 * server, one binding on the embedded store) is started as a whole process on this benchmark's class path,
 * and on the same class path without this library's jars (so without the starter), alternately; the figure
 * is the median of the rounds' differences of the JVM's uptime when the application is ready; the difference
 * of the process's CPU time by then, which the machine's load changes far less, is reported beside it.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.StarterStartup [--rounds 7]
 * </pre>
 */
public final class StarterStartup {

	private StarterStartup() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		int rounds = options.integer("rounds", 7);
		Report report = Report.open();
		String with = Children.classpath((entry) -> true);
		String without = Children.classpath((entry) -> !ours(entry));
		if (with.equals(without)) {
			throw new IllegalStateException("No jar of this library found on the class path " + with);
		}
		List<Double> warm = new ArrayList<>();
		run(with, warm, warm);
		run(without, warm, warm);
		List<Double> bootWith = new ArrayList<>();
		List<Double> bootWithout = new ArrayList<>();
		List<Double> cpuWith = new ArrayList<>();
		List<Double> cpuWithout = new ArrayList<>();
		Rounds.Result result = Rounds.alternate(rounds, () -> run(with, bootWith, cpuWith),
				() -> run(without, bootWithout, cpuWithout), (a, b) -> a - b);
		List<Double> cpuAdded = new ArrayList<>();
		for (int i = 0; i < cpuWith.size(); i++) {
			cpuAdded.add(cpuWith.get(i) - cpuWithout.get(i));
		}
		Rounds.Result cpu = new Rounds.Result(cpuWith, cpuWithout, cpuAdded);
		double added = result.median();
		report.figure("start-up time the starter adds to a Boot app (no web server, one binding, embedded store)",
				String.format(Locale.ROOT, "%.0f ms to ready", result.medianA()),
				String.format(Locale.ROOT, "%.0f ms without the starter", result.medianB()),
				String.format(Locale.ROOT, "+%.0f ms (%.0f–%.0f) to ready; CPU time +%.0f ms (%.0f–%.0f); Boot's own timer: +%.0f ms",
						added, result.min(), result.max(), cpu.median(), cpu.min(), cpu.max(),
						Rounds.median(bootWith) - Rounds.median(bootWithout)),
				"< 50 ms", added < 50);
		report.rounds("JVM uptime when ready, with the starter (A) and without (B); ratio column is A − B in ms", "ms",
				result);
		report.rounds("process CPU time when ready, with the starter (A) and without (B); ratio column is A − B in ms", "ms",
				cpu);
	}

	private static boolean ours(String entry) {
		String path = entry.replace('\\', '/');
		return path.contains("/io/github/workerskv/") || path.matches(".*/kv-[a-z-]+/target/(classes|kv-[a-z-]+-[^/]*\\.jar)$")
				&& !path.contains("/kv-benchmarks/");
	}

	private static double run(String classpath, List<Double> boot, List<Double> cpu) throws Exception {
		List<String> command = List.of(Children.javaBinary(), "-cp", classpath, StartupApp.class.getName(),
				"--cloudflare.kv.namespaces.APP.id=06779da6940b431db6e566b4846d64db", "--spring.main.banner-mode=off");
		List<String> output = new ArrayList<>();
		BulkLoad.time(command, Map.of(), Path.of("."), output);
		JsonNode answer = Children.JSON.readTree(output.get(output.size() - 1));
		boot.add(answer.get("bootMillis").asDouble());
		cpu.add(answer.get("cpuMillis").asDouble());
		return answer.get("uptimeMillis").asDouble();
	}

}
