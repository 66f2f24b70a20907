package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Times the windows of write pacing on one daemon thread of its own, {@code cloudflare-kv-pacer}. Tasks
 * only move writes to the sender executor, so one thread serves every key.
 */
final class ExecutorScheduler implements WritePacer.Scheduler {

	private final ScheduledThreadPoolExecutor executor;

	ExecutorScheduler() {
		this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "cloudflare-kv-pacer");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	@Override
	public void schedule(Runnable task, Duration delay) {
		this.executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void shutdown() {
		this.executor.shutdown();
	}

}
