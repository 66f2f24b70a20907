package io.github.workerskv.kv.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code callers} threads repeat one operation for a while, each as soon as its last call returned; the
 * result is the number of calls, the wall time, this process's CPU time and the median latency.
 */
final class ClosedLoop {

	private static final int MAX_LATENCIES_PER_CALLER = 1 << 18;

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
						operation.call(caller, i);
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
		long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
		return new Result(ops, nanos, cpu, (all.length == 0) ? 0 : all[all.length / 2]);
	}

	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
