package io.github.workerskv.kv.flags;

import java.time.Duration;

/** Waits; injected so that tests of write pacing move a clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

	/**
	 * @param duration how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	void sleep(Duration duration) throws InterruptedException;

	/** @return {@link Thread#sleep(Duration)} */
	static Sleeper threadSleep() {
		return (duration) -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
	}

}
