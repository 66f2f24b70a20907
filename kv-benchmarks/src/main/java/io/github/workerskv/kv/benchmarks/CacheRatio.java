package io.github.workerskv.kv.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Row 9 of the table: {@link KVCacheBenchmark} (JMH) run in rounds, the near-cache hit and the near-cache hit
 * whose entry has a shorter time to live than the near cache, each against {@code CaffeineCacheManager}'s
 * {@code Cache.get}, in one fork per benchmark per round, the order reversed every other round. Caffeine bounded
 * as the near cache is runs in the same rounds, to show what the bounds alone cost.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.CacheRatio [--rounds 3] [--forks 1] [--iterations 3] [--millis 500]
 * </pre>
 */
public final class CacheRatio {

	private static final List<String> BENCHMARKS = List.of("kvCacheNearCacheHit", "kvCacheNearCacheHitShortTtl",
			"caffeineCacheHit", "caffeineCacheBoundedHit");

	private CacheRatio() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		int rounds = options.integer("rounds", 3);
		int forks = options.integer("forks", 1);
		int iterations = options.integer("iterations", 3);
		int millis = options.integer("millis", 500);
		Report report = Report.open();
		Map<String, List<Double>> scores = new HashMap<>();
		for (int round = 0; round < rounds; round++) {
			List<String> order = new ArrayList<>(BENCHMARKS);
			if (round % 2 == 1) {
				java.util.Collections.reverse(order);
			}
			for (String benchmark : order) {
				Collection<RunResult> results = new Runner(new OptionsBuilder()
					.include(KVCacheBenchmark.class.getName() + "." + benchmark + "$")
					.forks(forks)
					.warmupIterations(iterations)
					.warmupTime(TimeValue.milliseconds(millis))
					.measurementIterations(iterations)
					.measurementTime(TimeValue.milliseconds(millis))
					.build()).run();
				double score = results.iterator().next().getPrimaryResult().getScore();
				scores.computeIfAbsent(benchmark, (name) -> new ArrayList<>()).add(score);
			}
		}
		List<Double> caffeine = scores.get("caffeineCacheHit");
		figure(report, "`KVCache` near-cache hit vs `CaffeineCacheManager` `Cache.get` (JMH)", scores.get("kvCacheNearCacheHit"),
				caffeine, 1.3);
		figure(report, "same, entry's TTL (30 s) shorter than the near cache's (JMH)", scores.get("kvCacheNearCacheHitShortTtl"),
				caffeine, 1.5);
		// Not a row: how much of the gap is Caffeine's own price for the near cache's bounds.
		report.rounds("Caffeine bounded as the near cache is (maximumSize=10000, expireAfterWrite=60s) vs unbounded (JMH)",
				"ns/op", ratios(scores.get("caffeineCacheBoundedHit"), caffeine));
		report.rounds("`KVCache` near-cache hit vs the bounded Caffeine (JMH)", "ns/op",
				ratios(scores.get("kvCacheNearCacheHit"), scores.get("caffeineCacheBoundedHit")));
	}

	private static Rounds.Result ratios(List<Double> a, List<Double> b) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < a.size(); i++) {
			ratios.add(a.get(i) / b.get(i));
		}
		return new Rounds.Result(a, b, ratios);
	}

	private static void figure(Report report, String what, List<Double> ours, List<Double> caffeine, double target) {
		Rounds.Result result = ratios(ours, caffeine);
		report.figure(what, String.format(Locale.ROOT, "%.1f ns/op", result.medianA()),
				String.format(Locale.ROOT, "%.1f ns/op", result.medianB()), result.ratioText() + " of Caffeine's time",
				"≤ " + target + "×", result.median() <= target);
		report.rounds(what, "ns/op", result);
	}

}
