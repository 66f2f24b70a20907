package io.github.workerskv.kv.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts behind {@link KVEmulator#stats()}, updated by the server's threads without
 * locking. A snapshot taken while requests are in flight may be a request behind.
 */
final class StatsCounters {

	private final Map<String, LongAdder> requestsByAccount = new ConcurrentHashMap<>();

	private final LongAdder lockOutRejections = new LongAdder();

	private final LongAdder writeRateRejections = new LongAdder();

	private final LongAdder writeRateThrottledBulkKeys = new LongAdder();

	/** @param accountId the account of an authenticated request */
	void request(String accountId) {
		this.requestsByAccount.computeIfAbsent(accountId, (id) -> new LongAdder()).increment();
	}

	/** Counts a 429 for an exceeded request budget or a locked-out account. */
	void lockOutRejection() {
		this.lockOutRejections.increment();
	}

	/** Counts a 429 for a second write to a key within a second. */
	void writeRateRejection() {
		this.writeRateRejections.increment();
	}

	/** Counts a key of a bulk write or delete left out because of the per-key write rate. */
	void writeRateThrottledBulkKey() {
		this.writeRateThrottledBulkKeys.increment();
	}

	KVEmulatorStats snapshot() {
		Map<String, Long> requests = new TreeMap<>();
		this.requestsByAccount.forEach((id, count) -> requests.put(id, count.sum()));
		return new KVEmulatorStats(requests, this.lockOutRejections.sum(), this.writeRateRejections.sum(),
				this.writeRateThrottledBulkKeys.sum());
	}

	void reset() {
		this.requestsByAccount.clear();
		this.lockOutRejections.reset();
		this.writeRateRejections.reset();
		this.writeRateThrottledBulkKeys.reset();
	}

}
