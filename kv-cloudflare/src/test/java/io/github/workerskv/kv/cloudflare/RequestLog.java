package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.RequestLine;

/**
 * Every request an emulator receives from the moment the log is made until its faults are reset, in
 * order, whatever the answer (an injected fault, an authentication failure or a normal one).
 *
 * <p>The log is a {@link io.github.workerskv.kv.emulator.Faults} script whose predicate records the
 * request and never matches, so it changes no answer and is never used up. A request meets scripts in the
 * order they were queued and stops at the first that matches: make the log before scripting the faults of
 * a test, so that it sees the requests those faults answer too.
 */
final class RequestLog {

	/** How long after its injected latency or delay the emulator is given to serve a request. */
	private static final Duration GRACE = Duration.ofMillis(500);

	private final List<RequestLine> lines = new ArrayList<>();

	private long lastArrival = System.nanoTime();

	private RequestLog() {
	}

	/**
	 * @param emulator the emulator to watch
	 * @return a log of its requests from now on
	 */
	static RequestLog of(KVEmulator emulator) {
		RequestLog log = new RequestLog();
		emulator.faults().next(1, log::record, Fault.delay(Duration.ZERO));
		return log;
	}

	private synchronized boolean record(RequestLine line) {
		this.lines.add(line);
		this.lastArrival = System.nanoTime();
		return false;
	}

	/**
	 * Waits until the emulator has served every request it received, for tests that read its store after
	 * attempts the client gave up on but the server still serves (a request held past the client's timeout):
	 * until no request has arrived for {@code longestHold} and a grace of 500 ms.
	 * @param longestHold the longest latency or delay injected into a request
	 * @throws AssertionError if requests still arrive after a minute
	 */
	void awaitServed(Duration longestHold) {
		long quiet = longestHold.plus(GRACE).toNanos();
		long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (true) {
			long wait;
			synchronized (this) {
				wait = this.lastArrival + quiet - System.nanoTime();
			}
			if (wait <= 0) {
				return;
			}
			if (System.nanoTime() > giveUp) {
				throw new AssertionError("Requests still arrive at the emulator after a minute");
			}
			try {
				Thread.sleep(Math.max(1, wait / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for the emulator", ex);
			}
		}
	}

	/** @return the requests so far, as {@code METHOD raw-path} */
	synchronized List<String> lines() {
		return this.lines.stream().map((line) -> line.method() + " " + line.path()).toList();
	}

	/** @return how many requests arrived */
	synchronized int count() {
		return this.lines.size();
	}

	/**
	 * @param when which requests
	 * @return how many of them arrived
	 */
	synchronized int count(Predicate<RequestLine> when) {
		return (int) this.lines.stream().filter(when).count();
	}

}
