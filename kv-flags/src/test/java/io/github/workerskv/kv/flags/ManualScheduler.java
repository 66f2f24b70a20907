package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.MutableClock;

/**
 * A scheduler driven by a test: one-off tasks run at once on the calling thread (a user's read happens inline),
 * periodic ones when the test moves the clock past their time with {@link #advance(Duration)}. Nothing sleeps.
 */
final class ManualScheduler extends ScheduledThreadPoolExecutor {

	private final MutableClock clock;

	private final List<Periodic> periodic = new CopyOnWriteArrayList<>();

	ManualScheduler(MutableClock clock) {
		super(1);
		this.clock = clock;
	}

	@Override
	public void execute(Runnable command) {
		command.run();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		Periodic task = new Periodic(command, this.clock.instant().plusNanos(unit.toNanos(initialDelay)),
				Duration.ofNanos(unit.toNanos(delay)));
		this.periodic.add(task);
		return task;
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return scheduleWithFixedDelay(command, initialDelay, period, unit);
	}

	/** @return the periods of the periodic tasks still scheduled */
	List<Duration> periods() {
		return this.periodic.stream().filter((task) -> !task.isCancelled()).map((task) -> task.delay).toList();
	}

	/** Moves the clock in steps of at most one second and runs each periodic task whenever it is due. */
	void advance(Duration duration) {
		Instant end = this.clock.instant().plus(duration);
		while (this.clock.instant().isBefore(end)) {
			Duration step = Duration.between(this.clock.instant(), end);
			this.clock.advance((step.compareTo(Duration.ofSeconds(1)) < 0) ? step : Duration.ofSeconds(1));
			for (Periodic task : this.periodic) {
				task.runIfDue(this.clock.instant());
			}
		}
	}

	private static final class Periodic implements ScheduledFuture<Object> {

		private final Runnable command;

		private final Duration delay;

		private Instant next;

		private volatile boolean cancelled;

		Periodic(Runnable command, Instant first, Duration delay) {
			this.command = command;
			this.next = first;
			this.delay = delay;
		}

		void runIfDue(Instant now) {
			if (!this.cancelled && !now.isBefore(this.next)) {
				this.command.run();
				this.next = now.plus(this.delay);
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(Instant.now(), this.next));
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.cancelled;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException("a periodic task has no result");
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException("a periodic task has no result");
		}

	}

}
