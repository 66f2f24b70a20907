package io.github.workerskv.kv.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Fault injection of a running {@link KVEmulator}, switchable at any time from any thread.
 *
 * <p>For every request the emulator first waits the configured latency, then applies the first
 * scripted fault whose predicate matches (consuming one of its uses), and otherwise draws once from
 * the seeded random generator: with probability {@code dropRate} the connection is dropped, with
 * {@code rateLimitRate} a 429 is sent, with {@code serverErrorRate} a 500, 502 or 503. The three
 * rates are taken in that order from one draw, so their sum should not exceed 1. Separately,
 * {@link #failBulkKeys(Collection)} makes bulk writes and bulk deletes report chosen keys in
 * {@code unsuccessful_keys} without touching them, as KV does when a key could not reach every
 * storage backend.
 *
 * <p>Random outcomes are reproducible for a given {@link #seed(long)} and the same sequence of
 * requests. Faults apply to every endpoint, including {@code /memberships} and {@code /user}.
 * Every setter returns this object so calls can be chained.
 */
public final class Faults {

	private static final Duration MAX_DELAY = Duration.ofMinutes(5);

	private static final int[] SERVER_ERRORS = { 500, 502, 503 };

	private final Object lock = new Object();

	private final Deque<Scripted> script = new ArrayDeque<>();

	private final Set<String> failingBulkKeys = new HashSet<>();

	private final AtomicLong injected = new AtomicLong();

	private Random random = new Random(0);

	private Duration minLatency = Duration.ZERO;

	private Duration maxLatency = Duration.ZERO;

	private double dropRate;

	private double rateLimitRate;

	private double serverErrorRate;

	private Duration retryAfter = Duration.ofSeconds(1);

	Faults() {
	}

	/**
	 * Delays every request by the same time.
	 * @param latency 0..5 minutes
	 * @return this
	 */
	public Faults latency(Duration latency) {
		return latency(latency, latency);
	}

	/**
	 * Delays every request by a time drawn uniformly from a range.
	 * @param min the shortest delay
	 * @param max the longest delay, at least {@code min} and at most 5 minutes
	 * @return this
	 */
	public Faults latency(Duration min, Duration max) {
		checkDelay(min);
		checkDelay(max);
		if (max.compareTo(min) < 0) {
			throw new IllegalArgumentException("max latency " + max + " is shorter than min latency " + min);
		}
		synchronized (this.lock) {
			this.minLatency = min;
			this.maxLatency = max;
		}
		return this;
	}

	/**
	 * @param rate the share (0..1) of requests answered with 429 and {@code Retry-After}
	 * @return this
	 */
	public Faults rateLimitRate(double rate) {
		synchronized (this.lock) {
			this.rateLimitRate = checkRate(rate);
		}
		return this;
	}

	/**
	 * @param rate the share (0..1) of requests answered with 500, 502 or 503
	 * @return this
	 */
	public Faults serverErrorRate(double rate) {
		synchronized (this.lock) {
			this.serverErrorRate = checkRate(rate);
		}
		return this;
	}

	/**
	 * @param rate the share (0..1) of requests whose connection is closed without a response
	 * @return this
	 */
	public Faults dropRate(double rate) {
		synchronized (this.lock) {
			this.dropRate = checkRate(rate);
		}
		return this;
	}

	/**
	 * @param retryAfter the {@code Retry-After} of randomly injected 429s (default 1 s)
	 * @return this
	 */
	public Faults retryAfter(Duration retryAfter) {
		Fault.rateLimited(retryAfter);
		synchronized (this.lock) {
			this.retryAfter = retryAfter;
		}
		return this;
	}

	/**
	 * Restarts the random generator, so that the same requests meet the same random faults.
	 * @param seed the seed
	 * @return this
	 */
	public Faults seed(long seed) {
		synchronized (this.lock) {
			this.random = new Random(seed);
		}
		return this;
	}

	/**
	 * Scripts the next requests, whatever they are.
	 * @param count how many requests get the fault (at least 1)
	 * @param fault the fault
	 * @return this
	 */
	public Faults next(int count, Fault fault) {
		return next(count, RequestLine.any(), fault);
	}

	/**
	 * Scripts the next requests that match a predicate, for example
	 * {@code next(2, RequestLine.matching("PUT", "/bulk$"), Fault.serverError(500))}. Scripts are
	 * queued: a request takes the first one that matches it.
	 * @param count how many matching requests get the fault (at least 1)
	 * @param when which requests
	 * @param fault the fault
	 * @return this
	 */
	public Faults next(int count, Predicate<RequestLine> when, Fault fault) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1, but was " + count);
		}
		Objects.requireNonNull(when, "when must not be null");
		Objects.requireNonNull(fault, "fault must not be null");
		synchronized (this.lock) {
			this.script.addLast(new Scripted(when, fault, count));
		}
		return this;
	}

	/**
	 * Makes bulk writes and bulk deletes report these keys in {@code unsuccessful_keys} and leave
	 * them untouched, until {@link #reset()}.
	 * @param keys the keys
	 * @return this
	 */
	public Faults failBulkKeys(Collection<String> keys) {
		synchronized (this.lock) {
			this.failingBulkKeys.addAll(keys);
		}
		return this;
	}

	/**
	 * @param keys the keys that bulk writes and deletes report as unsuccessful
	 * @return this
	 */
	public Faults failBulkKeys(String... keys) {
		return failBulkKeys(List.of(keys));
	}

	/**
	 * Turns every fault off: no latency, no rates, an empty script, no failing bulk keys, seed 0.
	 * The count of injected faults is kept.
	 * @return this
	 */
	public Faults reset() {
		synchronized (this.lock) {
			this.script.clear();
			this.failingBulkKeys.clear();
			this.random = new Random(0);
			this.minLatency = Duration.ZERO;
			this.maxLatency = Duration.ZERO;
			this.dropRate = 0;
			this.rateLimitRate = 0;
			this.serverErrorRate = 0;
			this.retryAfter = Duration.ofSeconds(1);
		}
		return this;
	}

	/** @return how many scripted uses are still queued */
	public int scriptedRemaining() {
		synchronized (this.lock) {
			return this.script.stream().mapToInt(Scripted::remaining).sum();
		}
	}

	/** @return how many faults (drops, 429s, 5xx, delays, failed bulk keys) were injected so far */
	public long injectedCount() {
		return this.injected.get();
	}

	@Override
	public String toString() {
		synchronized (this.lock) {
			return "Faults[latency=" + this.minLatency + ".." + this.maxLatency + ", dropRate=" + this.dropRate
					+ ", rateLimitRate=" + this.rateLimitRate + ", serverErrorRate=" + this.serverErrorRate
					+ ", scripted=" + scriptedRemaining() + ", failingBulkKeys=" + this.failingBulkKeys.size() + "]";
		}
	}

	// ---- used by the server -------------------------------------------------------------------

	/**
	 * Decides what happens to one request.
	 * @param line the request
	 * @return the latency to wait, and the fault to apply or {@code null}
	 */
	Decision decide(RequestLine line) {
		synchronized (this.lock) {
			Duration latency = this.minLatency;
			long spread = this.maxLatency.toNanos() - this.minLatency.toNanos();
			if (spread > 0) {
				latency = latency.plusNanos((long) (this.random.nextDouble() * spread));
			}
			Fault fault = takeScripted(line);
			if (fault == null) {
				fault = draw();
			}
			if (fault != null) {
				this.injected.incrementAndGet();
			}
			return new Decision(latency, fault);
		}
	}

	/**
	 * @param key a key of a bulk write or delete
	 * @return whether it is to be reported as unsuccessful
	 */
	boolean failsBulkKey(String key) {
		synchronized (this.lock) {
			boolean fails = this.failingBulkKeys.contains(key);
			if (fails) {
				this.injected.incrementAndGet();
			}
			return fails;
		}
	}

	static Duration checkDelay(Duration delay) {
		Objects.requireNonNull(delay, "delay must not be null");
		if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
			throw new IllegalArgumentException("A delay must be 0.." + MAX_DELAY + ", but was " + delay);
		}
		return delay;
	}

	private @Nullable Fault takeScripted(RequestLine line) {
		for (Iterator<Scripted> it = this.script.iterator(); it.hasNext();) {
			Scripted scripted = it.next();
			if (scripted.when().test(line)) {
				scripted.use();
				if (scripted.remaining() == 0) {
					it.remove();
				}
				return scripted.fault();
			}
		}
		return null;
	}

	private @Nullable Fault draw() {
		if (this.dropRate == 0 && this.rateLimitRate == 0 && this.serverErrorRate == 0) {
			return null;
		}
		double r = this.random.nextDouble();
		if (r < this.dropRate) {
			return Fault.dropConnection();
		}
		r -= this.dropRate;
		if (r < this.rateLimitRate) {
			return Fault.rateLimited(this.retryAfter);
		}
		r -= this.rateLimitRate;
		if (r < this.serverErrorRate) {
			return Fault.serverError(SERVER_ERRORS[this.random.nextInt(SERVER_ERRORS.length)]);
		}
		return null;
	}

	private static double checkRate(double rate) {
		if (!(rate >= 0 && rate <= 1)) {
			throw new IllegalArgumentException("A rate is 0..1, but was " + rate);
		}
		return rate;
	}

	/**
	 * What to do with one request.
	 * @param latency how long to wait first
	 * @param fault the fault to apply, or {@code null} to answer normally
	 */
	record Decision(Duration latency, @Nullable Fault fault) {
	}

	/** A queued script entry; guarded by the lock of its {@link Faults}. */
	private static final class Scripted {

		private final Predicate<RequestLine> when;

		private final Fault fault;

		private int remaining;

		Scripted(Predicate<RequestLine> when, Fault fault, int remaining) {
			this.when = when;
			this.fault = fault;
			this.remaining = remaining;
		}

		Predicate<RequestLine> when() {
			return this.when;
		}

		Fault fault() {
			return this.fault;
		}

		int remaining() {
			return this.remaining;
		}

		void use() {
			this.remaining--;
		}

	}

}
