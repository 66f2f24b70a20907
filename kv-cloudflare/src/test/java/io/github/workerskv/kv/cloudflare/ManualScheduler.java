package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.workerskv.kv.MutableClock;

/**
 * A {@link WritePacer.Scheduler} driven by a test: tasks run when the test moves the clock past their
 * time with {@link #advance(Duration)}, in the test's thread. Nothing sleeps.
 */
final class ManualScheduler implements WritePacer.Scheduler {

	private final MutableClock clock;

	private final List<Task> tasks = new ArrayList<>();

	private boolean shutdown;

	ManualScheduler(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized void schedule(Runnable task, Duration delay) {
		this.tasks.add(new Task(this.clock.instant().plus(delay), task));
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	synchronized boolean isShutdown() {
		return this.shutdown;
	}

	synchronized int scheduled() {
		return this.tasks.size();
	}

	/** Moves the clock and runs every task that became due, earliest first (tasks may schedule more). */
	void advance(Duration duration) {
		this.clock.advance(duration);
		for (int round = 0; round < 10_000; round++) {
			Task due;
			synchronized (this) {
				Instant now = this.clock.instant();
				due = this.tasks.stream()
					.filter((task) -> !task.at().isAfter(now))
					.min(Comparator.comparing(Task::at))
					.orElse(null);
				if (due == null) {
					return;
				}
				this.tasks.remove(due);
			}
			due.run().run();
		}
		throw new AssertionError("tasks kept scheduling themselves");
	}

	private record Task(Instant at, Runnable run) {
	}

}
