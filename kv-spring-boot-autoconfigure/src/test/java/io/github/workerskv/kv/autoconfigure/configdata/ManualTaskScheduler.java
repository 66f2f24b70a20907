package io.github.workerskv.kv.autoconfigure.configdata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} that runs nothing by itself: it records the one fixed-delay task it is given, and
 * {@link #tick()} runs it once, as the end of one delay would. Its clock stands still.
 */
final class ManualTaskScheduler implements TaskScheduler {

	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	private Runnable task;

	private Instant firstRun;

	private Duration delay;

	private boolean cancelled;

	/** Runs the task once: one delay has passed. */
	void tick() {
		if (this.task == null || this.cancelled) {
			throw new IllegalStateException("No task is scheduled");
		}
		this.task.run();
	}

	Instant firstRun() {
		return this.firstRun;
	}

	Duration delay() {
		return this.delay;
	}

	boolean cancelled() {
		return this.cancelled;
	}

	@Override
	public Clock getClock() {
		return this.clock;
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		if (this.task != null) {
			throw new IllegalStateException("A second task was scheduled");
		}
		this.task = task;
		this.firstRun = startTime;
		this.delay = delay;
		return new Handle();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return scheduleWithFixedDelay(task, NOW, delay);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException("Only fixed-delay tasks are expected");
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		throw new UnsupportedOperationException("Only fixed-delay tasks are expected");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException("Only fixed-delay tasks are expected");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException("Only fixed-delay tasks are expected");
	}

	private final class Handle implements ScheduledFuture<Object> {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(ManualTaskScheduler.this.delay);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			ManualTaskScheduler.this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return ManualTaskScheduler.this.cancelled;
		}

		@Override
		public boolean isDone() {
			return ManualTaskScheduler.this.cancelled;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException("A repeating task has no result");
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException("A repeating task has no result");
		}

	}

}
