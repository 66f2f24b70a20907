package io.github.workerskv.kv.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code callers} threads repeat one operation for a while, each as soon as its last call returned; the
 * result is the number of calls, the wall time, this process's CPU time and the median latency.
 *
 * <p>A call that throws is counted as failed, not as a call, and the loop goes on: a rare failure (such as
 * Java 17's {@code HttpClient} closing a pooled connection it has just handed out, see
 * {@code analysis.md}) must not cost the whole run, and must not be hidden either, so every failure is
 * tallied for {@link Report#failures}. A run in which more than {@value #MAX_FAILED_PER_MILLE} calls in
 * 1,000 fail is no measurement: it ends with an exception naming the first failure.
 */
final class ClosedLoop {

	private static final int MAX_LATENCIES_PER_CALLER = 1 << 18;

	private static final int MAX_FAILED_PER_MILLE = 1;

	private static final AtomicLong failedCalls = new AtomicLong();

	private static final AtomicLong allCalls = new AtomicLong();

	private static final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

	private ClosedLoop() {
	}

	/** One call; {@code i} counts the caller's calls, for choosing keys. */
	@FunctionalInterface
	interface Operation {

		void call(int caller, int i) throws Exception;

	}

	/**
	 * @param ops calls made
	 * @param nanos wall time
	 * @param cpuNanos CPU time of this process
	 * @param p50Nanos median latency
	 */
	record Result(long ops, long nanos, long cpuNanos, long p50Nanos) {

		double opsPerSecond() {
			return this.ops * 1e9 / this.nanos;
		}

		double cpuMicrosPerOp() {
			return this.cpuNanos / 1e3 / this.ops;
		}

	}

	static Result run(int callers, Duration duration, Operation operation) throws Exception {
		long[][] latencies = new long[callers][];
		long[] counts = new long[callers];
		AtomicReference<Throwable> failure = new AtomicReference<>();
		long[] failed = new long[callers];
		CountDownLatch start = new CountDownLatch(1);
		Thread[] threads = new Thread[callers];
		long[] window = new long[2];
		for (int c = 0; c < callers; c++) {
			int caller = c;
			threads[c] = new Thread(() -> {
				long[] mine = new long[1024];
				int n = 0;
				try {
					start.await();
					long end = window[1];
					for (int i = 0; failure.get() == null; i++) {
						long t0 = System.nanoTime();
						if (t0 >= end) {
							break;
						}
						try {
							operation.call(caller, i);
						}
						catch (Exception ex) {
							firstFailure.compareAndSet(null, ex);
							if (++failed[caller] > 5 && tooMany(failed[caller], counts[caller] + failed[caller])) {
								throw new IllegalStateException(failed[caller] + " of " + (counts[caller] + failed[caller])
										+ " calls of one caller failed", ex);
							}
							continue;
						}
						long t = System.nanoTime() - t0;
						if (n < MAX_LATENCIES_PER_CALLER) {
							if (n == mine.length) {
								mine = Arrays.copyOf(mine, n * 2);
							}
							mine[n++] = t;
						}
						counts[caller]++;
					}
				}
				catch (Throwable ex) {
					failure.compareAndSet(null, ex);
				}
				latencies[caller] = Arrays.copyOf(mine, n);
			}, "bench-caller-" + c);
			threads[c].start();
		}
		long cpu0 = processCpuNanos();
		window[0] = System.nanoTime();
		window[1] = window[0] + duration.toNanos();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		long nanos = System.nanoTime() - window[0];
		long cpu = processCpuNanos() - cpu0;
		if (failure.get() != null) {
			throw new IllegalStateException("A call failed: " + failure.get(), failure.get());
		}
		long ops = Arrays.stream(counts).sum();
		long failures = Arrays.stream(failed).sum();
		failedCalls.addAndGet(failures);
		allCalls.addAndGet(ops + failures);
		if (tooMany(failures, ops + failures)) {
			throw new IllegalStateException(failures + " of " + (ops + failures) + " calls failed, the first with: "
					+ firstFailure.get(), firstFailure.get());
		}
		long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		return new Result(ops, nanos, cpu, (all.length == 0) ? 0 : all[all.length / 2]);
	}

	private static boolean tooMany(long failed, long calls) {
		return failed * 1000 > MAX_FAILED_PER_MILLE * calls;
	}

	/**
	 * @param failed calls that threw, in every run of this process so far
	 * @param calls all calls made, failed or not
	 * @param first the first failure, or null if none
	 */
	record Tally(long failed, long calls, Throwable first) {
	}

	static Tally tally() {
		return new Tally(failedCalls.get(), allCalls.get(), firstFailure.get());
	}

	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
