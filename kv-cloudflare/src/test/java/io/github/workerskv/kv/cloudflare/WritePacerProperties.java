package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.internal.StoredValue;
import io.github.workerskv.kv.resilience.ResilienceStatistics;
import io.github.workerskv.kv.resilience.WritePacingOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever the writes and however time moves between them: no key is sent twice within the interval,
 * each key ends with its last write sent, and every write was either sent or coalesced into a later one.
 */
class WritePacerProperties {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	@Property(tries = 300)
	void keysAreNeverSentTwiceWithinTheIntervalAndTheLastWriteWins(
			@ForAll @Size(min = 1, max = 60) List<@From("steps") Step> steps) {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		ManualScheduler scheduler = new ManualScheduler(clock);
		ResilienceStatistics statistics = new ResilienceStatistics();
		WritePacer pacer = new WritePacer(WritePacingOptions.enabledByDefault().withInterval(INTERVAL), null, clock,
				Runnable::run, scheduler, statistics);
		Map<String, List<Instant>> sendTimes = new HashMap<>();
		Map<String, String> lastSent = new HashMap<>();
		Map<String, String> lastWritten = new HashMap<>();
		List<CompletableFuture<Void>> futures = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			String key = "k" + step.key();
			String value = key + "=" + i;
			futures.add(pacer.submit(new WritePacer.Write("ns", "ns", key, "put", StoredValue.ofBytes(value.getBytes(), null, null), () -> {
				sendTimes.computeIfAbsent(key, (ignored) -> new ArrayList<>()).add(clock.instant());
				lastSent.put(key, value);
			}), step.async()));
			lastWritten.put(key, value);
			scheduler.advance(Duration.ofMillis(step.pauseMillis()));
		}
		scheduler.advance(INTERVAL.multipliedBy(2));

		assertThat(lastSent).isEqualTo(lastWritten);
		assertThat(futures).allMatch((future) -> future.isDone() && !future.isCompletedExceptionally());
		sendTimes.values().forEach((times) -> {
			for (int i = 1; i < times.size(); i++) {
				assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(INTERVAL);
			}
		});
		long sent = sendTimes.values().stream().mapToLong(List::size).sum();
		assertThat(sent + statistics.coalescedWrites()).isEqualTo(steps.size());
		assertThat(scheduler.scheduled()).isZero();
	}

	@Provide
	Arbitrary<Step> steps() {
		return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1500),
				Arbitraries.of(true, false)).as(Step::new);
	}

	/**
	 * One write and the time that passes after it.
	 * @param key which of four keys
	 * @param pauseMillis how long until the next write
	 * @param async whether it is an async write
	 */
	record Step(int key, int pauseMillis, boolean async) {
	}

}
