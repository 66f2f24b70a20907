package io.github.workerskv.kv.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, for
 * {@link KVEmulatorOptions#withClock(Clock)}: key expiration, the per-key write rate, the request
 * budget, its lock-out and every {@code Retry-After} then follow {@link #advance(Duration)} and
 * {@link #set(Instant)} instead of real time, so tests need not sleep.
 *
 * <pre>{@code
 * KVEmulatorClock clock = KVEmulatorClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * try (KVEmulator kv = KVEmulator.start(KVEmulatorOptions.defaults().withClock(clock)
 *         .withRequestBudget(1200, Duration.ofMinutes(5)))) {
 *     ...
 *     clock.advance(Duration.ofMinutes(5));   // the lock-out is over
 * }
 * }</pre>
 *
 * <p>Safe for use by many threads: every read sees the latest move. Limits: it does not drive
 * anything that waits in real time (injected {@link Faults} latency and delays still sleep), and
 * moving it backwards with {@link #set(Instant)} is allowed but leaves windows and lock-outs that
 * began "later" in force until the clock passes them again. {@link #withZone(ZoneId)} returns a
 * clock that shares this one's time.
 */
public final class KVEmulatorClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	private KVEmulatorClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	/**
	 * @param start the time the clock shows until it is moved
	 * @return a clock in UTC
	 */
	public static KVEmulatorClock at(Instant start) {
		Objects.requireNonNull(start, "start must not be null");
		return new KVEmulatorClock(new AtomicReference<>(start), ZoneOffset.UTC);
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far, not negative
	 * @return the new time
	 * @throws IllegalArgumentException if {@code duration} is negative (use {@link #set(Instant)})
	 */
	public Instant advance(Duration duration) {
		Objects.requireNonNull(duration, "duration must not be null");
		if (duration.isNegative()) {
			throw new IllegalArgumentException("advance moves the clock forward only, not by " + duration
					+ "; use set(Instant) to go back");
		}
		return this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/**
	 * Puts the clock at a time, forward or backward.
	 * @param instant the time the clock shows from now on
	 */
	public void set(Instant instant) {
		this.now.set(Objects.requireNonNull(instant, "instant must not be null"));
	}

	@Override
	public Instant instant() {
		return Objects.requireNonNull(this.now.get());
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public KVEmulatorClock withZone(ZoneId zone) {
		Objects.requireNonNull(zone, "zone must not be null");
		return zone.equals(this.zone) ? this : new KVEmulatorClock(this.now, zone);
	}

	@Override
	public String toString() {
		return "KVEmulatorClock[" + instant() + ", " + this.zone + "]";
	}

}
