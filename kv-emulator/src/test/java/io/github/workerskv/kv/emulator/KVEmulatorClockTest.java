package io.github.workerskv.kv.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The clock tests move by hand: it stands still, advances, jumps, and shares its time across zones. */
class KVEmulatorClockTest {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void standsStillUntilMoved() {
		KVEmulatorClock clock = KVEmulatorClock.at(START);

		assertThat(clock.instant()).isEqualTo(START);
		assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
		assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
	}

	@Test
	void advancesForwardAndJumpsAnywhere() {
		KVEmulatorClock clock = KVEmulatorClock.at(START);

		assertThat(clock.advance(Duration.ofMillis(1500))).isEqualTo(START.plusMillis(1500));
		clock.set(START.minusSeconds(60));

		assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
		assertThat(clock.advance(Duration.ZERO)).isEqualTo(START.minusSeconds(60));
	}

	@Test
	void refusesToAdvanceBackwards() {
		KVEmulatorClock clock = KVEmulatorClock.at(START);

		assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("use set(Instant)");
		assertThat(clock.instant()).isEqualTo(START);
	}

	@Test
	void sharesItsTimeWithItsOtherZones() {
		KVEmulatorClock clock = KVEmulatorClock.at(START);
		KVEmulatorClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

		clock.advance(Duration.ofSeconds(5));

		assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
		assertThat(paris.instant()).isEqualTo(START.plusSeconds(5));
		assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
	}

	@Test
	void losesNoMoveOfConcurrentThreads() throws Exception {
		KVEmulatorClock clock = KVEmulatorClock.at(START);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> moves = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				moves.add(pool.submit(() -> {
					for (int i = 0; i < 1000; i++) {
						clock.advance(Duration.ofMillis(1));
					}
				}));
			}
			for (Future<?> move : moves) {
				move.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(clock.instant()).isEqualTo(START.plusSeconds(4));
	}

	@Test
	void namesItsTimeInToString() {
		assertThat(KVEmulatorClock.at(START)).hasToString("KVEmulatorClock[2026-01-01T00:00:00Z, Z]");
	}

}
