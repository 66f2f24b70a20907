package io.github.workerskv.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * A deliberately slow computation whose results are cached in Workers KV: the cache {@code squares}, with the
 * time to live {@code application.yml} gives it ({@code cloudflare.kv.cache.caches.squares.time-to-live}).
 *
 * <p>The first call for a number waits {@code sample.compute.delay} (a stand-in for real work); later calls are
 * answered from the cache (from the near cache in memory, or from KV) until the entry expires.
 */
@Service
public class ComputeService {

	private final Duration delay;

	private final Clock clock = Clock.systemUTC();

	private final AtomicLong computations = new AtomicLong();

	ComputeService(@Value("${sample.compute.delay:500ms}") Duration delay) {
		this.delay = delay;
	}

	/**
	 * @param n any number
	 * @return its square, with when it was computed
	 */
	@Cacheable("squares")
	public Square square(long n) {
		this.computations.incrementAndGet();
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new Square(n, Math.multiplyExact(n, n), this.clock.instant());
	}

	/** @return how many times a square was actually computed, rather than answered from the cache */
	public long computations() {
		return this.computations.get();
	}

	/**
	 * A computed square.
	 * @param n the number
	 * @param square its square
	 * @param computedAt when it was computed; a cached answer keeps the time of the computation
	 */
	public record Square(long n, long square, Instant computedAt) {
	}

}
