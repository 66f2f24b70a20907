package io.github.workerskv.kv.benchmarks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples ({@code jdk.ExecutionSample}) went: the methods that were on the
 * stack in most samples (inclusive), and the frames that were on top (self), as markdown, optionally only
 * for threads whose name starts with {@code --threads}; and which threads were started while it recorded
 * ({@code jdk.ThreadStart}), by name. Used by {@code run-all.sh} for the profiler
 * evidence of the slowest paths.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.JfrTop FILE.jfr [--top 15]
 *     [--threads bench-caller] [--focus io.github.workerskv]
 * </pre>
 */
public final class JfrTop {

	private JfrTop() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		Args options = new Args(java.util.Arrays.copyOfRange(args, 1, args.length));
		int top = options.integer("top", 15);
		String threads = options.text("threads", "");
		String focus = options.text("focus", "io.github.workerskv");
		Map<String, Integer> inclusive = new HashMap<>();
		Map<String, Integer> self = new HashMap<>();
		Map<String, Integer> started = new HashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (event.getEventType().getName().equals("jdk.ThreadStart")) {
				var thread = event.getThread("thread");
				String name = (thread != null && thread.getJavaName() != null) ? thread.getJavaName() : "?";
				started.merge(name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
				continue;
			}
			if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
				continue;
			}
			var thread = event.getThread("sampledThread");
			String name = (thread != null && thread.getJavaName() != null) ? thread.getJavaName() : "";
			if (!name.startsWith(threads)) {
				continue;
			}
			RecordedStackTrace stack = event.getStackTrace();
			if (stack == null || stack.getFrames().isEmpty()) {
				continue;
			}
			samples++;
			List<RecordedFrame> frames = stack.getFrames();
			self.merge(method(frames.get(0)), 1, Integer::sum);
			Set<String> seen = new HashSet<>();
			for (RecordedFrame frame : frames) {
				String method = method(frame);
				if (seen.add(method)) {
					inclusive.merge(method, 1, Integer::sum);
				}
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%d CPU samples%s.%n%n", samples,
				threads.isEmpty() ? "" : " of threads " + threads + "*"));
		out.append("| self (top frame) | % |\n|---|---|\n");
		table(out, self, samples, top, (method) -> true);
		out.append("\n| on the stack (inclusive), ").append(focus).append(", java.net.http, Jackson, SQLite | % |\n|---|---|\n");
		table(out, inclusive, samples, top, (method) -> method.startsWith(focus) || method.startsWith("jdk.internal.net.http")
				|| method.startsWith("java.net.http") || method.startsWith("java.net.URI") || method.startsWith("tools.jackson")
				|| method.startsWith("org.sqlite") || method.startsWith("org.eclipse.jetty"));
		out.append("\nThreads started during the recording, by name (digits as N): ");
		out.append(started.entrySet().stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(6)
			.map((entry) -> String.format(Locale.ROOT, "`%s` %,d", entry.getKey(), entry.getValue()))
			.collect(java.util.stream.Collectors.joining(", ")));
		out.append(".\n");
		System.out.print(out);
	}

	private static void table(StringBuilder out, Map<String, Integer> counts, int samples, int top, Predicate<String> keep) {
		counts.entrySet().stream()
			.filter((entry) -> keep.test(entry.getKey()))
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach((entry) -> out.append(String.format(Locale.ROOT, "| `%s` | %.1f |%n", entry.getKey(),
					100.0 * entry.getValue() / Math.max(1, samples))));
	}

	private static String method(RecordedFrame frame) {
		String type = frame.getMethod().getType().getName();
		int lambda = type.indexOf("$$Lambda");
		return ((lambda < 0) ? type : type.substring(0, lambda + 8)) + "." + frame.getMethod().getName();
	}

}
