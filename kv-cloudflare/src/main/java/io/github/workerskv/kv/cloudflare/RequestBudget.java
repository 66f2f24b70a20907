package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import io.github.workerskv.kv.resilience.RequestBudgetOptions;

/**
 * The client's account-wide request budget: at most {@code requests} requests in any span of
 * {@code window}, where a request occupies its place from the moment it is sent until {@code window}
 * after its answer arrived. Since a server sees a request arrive somewhere between those two moments,
 * it can never count more than {@code requests} arrivals within one window, whatever the network's delays
 * and whether it counts in fixed or sliding windows.
 *
 * <p>Time is a nanosecond ticker ({@link System#nanoTime()} outside tests). {@link #tryAcquire(long)} is
 * the whole rule, without waiting; {@link #acquire(String)} waits for room, at most {@code maxWait}.
 */
final class RequestBudget {

	/** Longest single sleep while waiting, so that a wait re-checks the ticker at least this often. */
	private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final int requests;

	private final long windowNanos;

	private final long maxWaitNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition released = this.lock.newCondition();

	/** When each answered request frees its place, oldest first. Guarded by {@link #lock}. */
	private final Deque<Long> frees = new ArrayDeque<>();

	/** Requests sent and not answered yet. Guarded by {@link #lock}. */
	private int inFlight;

	RequestBudget(RequestBudgetOptions options, LongSupplier nanoTime) {
		this.requests = options.requests();
		this.windowNanos = options.window().toNanos();
		this.maxWaitNanos = options.maxWait().toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes a place if there is one now.
	 * @param now the ticker's time
	 * @return 0 if a place was taken; otherwise how many nanoseconds until the oldest answered request frees
	 * its place, or {@link Long#MAX_VALUE} if every place is held by a request still in flight
	 */
	long tryAcquire(long now) {
		this.lock.lock();
		try {
			while (!this.frees.isEmpty() && this.frees.peekFirst() - now <= 0) {
				this.frees.pollFirst();
			}
			if (this.inFlight + this.frees.size() < this.requests) {
				this.inFlight++;
				return 0;
			}
			return this.frees.isEmpty() ? Long.MAX_VALUE : Math.max(1, this.frees.peekFirst() - now);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Gives back the place of a request that was answered (or failed) at {@code now}: it frees after the
	 * window.
	 * @param now the ticker's time when the answer arrived
	 */
	void release(long now) {
		this.lock.lock();
		try {
			this.inFlight--;
			long free = now + this.windowNanos;
			Long last = this.frees.peekLast();
			this.frees.addLast((last != null && last - free > 0) ? last : free);
			this.released.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits for a place and takes it.
	 * @param what the request, for the failure's message
	 * @return how long it waited, zero if it did not
	 * @throws CloudflareRequestBudgetException if there will be no room within {@code maxWait}
	 * @throws CloudflareIOException if the thread is interrupted while waiting
	 */
	Duration acquire(String what) {
		long start = this.nanoTime.getAsLong();
		long deadline = start + this.maxWaitNanos;
		// Bounded in time: each round either takes a place, throws once the deadline has passed, or sleeps
		// at most until the deadline.
		for (long round = 0; round < Long.MAX_VALUE; round++) {
			long now = this.nanoTime.getAsLong();
			long wait = tryAcquire(now);
			if (wait == 0) {
				return (round == 0) ? Duration.ZERO : Duration.ofNanos(now - start);
			}
			long left = deadline - now;
			if ((wait != Long.MAX_VALUE && wait > left) || left <= 0) {
				throw new CloudflareRequestBudgetException(what + " was not sent: the client's request budget of "
						+ this.requests + " requests per " + RetryWaits.describe(Duration.ofNanos(this.windowNanos))
						+ " has no room for " + ((wait == Long.MAX_VALUE) ? "as long as every request in flight lasts"
								: RetryWaits.describe(Duration.ofNanos(wait)))
						+ ", longer than its maxWait of " + RetryWaits.describe(Duration.ofNanos(this.maxWaitNanos))
						+ ". Slow down, or raise RequestBudgetOptions.maxWait (cloudflare.kv.rate-limit.max-wait).",
						(wait == Long.MAX_VALUE) ? null : Duration.ofNanos(wait));
			}
			sleep(Math.min(Math.min(wait, left), MAX_SLEEP_NANOS), what);
		}
		throw new IllegalStateException("unreachable");
	}

	private void sleep(long nanos, String what) {
		this.lock.lock();
		try {
			this.released.awaitNanos(nanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CloudflareIOException(what + " was interrupted while waiting for the request budget.", 0,
					List.of(), null, ex, false);
		}
		finally {
			this.lock.unlock();
		}
	}

}
