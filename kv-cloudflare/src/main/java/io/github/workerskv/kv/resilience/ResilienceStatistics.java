package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.github.workerskv.kv.KVListener;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KVListener} that counts, in memory, what the client's retries, pacing and budget did,
 * summed over every binding and operation. For applications without Micrometer, logs and tests; pass it
 * to {@code CloudflareKVConfig.withListener(..)} and read it at any time. Thread-safe; the
 * counts only grow.
 */
public final class ResilienceStatistics implements KVListener {

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private final LongAdder giveUps = new LongAdder();

	private final LongAdder bulkKeysResent = new LongAdder();

	private final LongAdder coalescedWrites = new LongAdder();

	private final LongAdder budgetWaits = new LongAdder();

	private final LongAdder budgetWaitNanos = new LongAdder();

	private final LongAdder failedWrites = new LongAdder();

	@Override
	public void onRateLimited(String binding, String operation, @Nullable Duration retryAfter) {
		this.rateLimited.increment();
	}

	@Override
	public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
		this.retries.increment();
	}

	@Override
	public void onGiveUp(String binding, String operation, int attempts, Throwable lastFailure) {
		this.giveUps.increment();
	}

	@Override
	public void onBulkKeysResent(String binding, String operation, int keys) {
		this.bulkKeysResent.add(keys);
	}

	@Override
	public void onWriteCoalesced(String binding, String operation) {
		this.coalescedWrites.increment();
	}

	@Override
	public void onBudgetWait(String binding, String operation, Duration waited) {
		this.budgetWaits.increment();
		this.budgetWaitNanos.add(waited.toNanos());
	}

	@Override
	public void onWriteFailed(String binding, String operation, String key, Throwable failure) {
		this.failedWrites.increment();
	}

	/** @return how many 429 answers arrived */
	public long rateLimited() {
		return this.rateLimited.sum();
	}

	/** @return how many attempts were followed by another one */
	public long retries() {
		return this.retries.sum();
	}

	/** @return how many retryable calls failed for good */
	public long giveUps() {
		return this.giveUps.sum();
	}

	/** @return how many keys bulk calls sent again after {@code unsuccessful_keys} */
	public long bulkKeysResent() {
		return this.bulkKeysResent.sum();
	}

	/** @return how many paced writes were replaced by a later write of the same key before being sent */
	public long coalescedWrites() {
		return this.coalescedWrites.sum();
	}

	/** @return how many requests waited for room in the request budget */
	public long budgetWaits() {
		return this.budgetWaits.sum();
	}

	/** @return the time requests spent waiting for the request budget, summed */
	public Duration budgetWaitTime() {
		return Duration.ofNanos(this.budgetWaitNanos.sum());
	}

	/** @return how many accepted paced writes could not be sent */
	public long failedWrites() {
		return this.failedWrites.sum();
	}

	@Override
	public String toString() {
		return "ResilienceStatistics[rateLimited=" + rateLimited() + ", retries=" + retries() + ", giveUps="
				+ giveUps() + ", bulkKeysResent=" + bulkKeysResent() + ", coalescedWrites=" + coalescedWrites()
				+ ", budgetWaits=" + budgetWaits() + ", budgetWaitTime=" + budgetWaitTime() + ", failedWrites="
				+ failedWrites() + "]";
	}

}
