package io.github.workerskv.kv.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * KV's limit of one write per second to the same key, measured with the emulator's clock. A write
 * is granted when the key's last granted write is at least one second old; a write that then fails
 * (for example on validation) gives its grant back. Refusals are counted for {@link KVEmulator#stats()}.
 */
final class WriteRateLimiter {

	private static final Duration WINDOW = Duration.ofSeconds(1);

	private static final int PRUNE_THRESHOLD = 100_000;

	private final Clock clock;

	private final StatsCounters counters;

	private final Map<String, Stamp> lastWrites = new ConcurrentHashMap<>();

	WriteRateLimiter(Clock clock, StatsCounters counters) {
		this.clock = clock;
		this.counters = counters;
	}

	/**
	 * Asks to write a key now.
	 * @param namespaceId the namespace
	 * @param key the key
	 * @return the grant, to {@link #release} if the write fails
	 * @throws ApiException (429, {@code Retry-After}) if the key was written less than a second ago
	 */
	Grant acquire(String namespaceId, String key) {
		try {
			return grant(namespaceId, key);
		}
		catch (ApiException ex) {
			this.counters.writeRateRejection();
			throw ex;
		}
	}

	/**
	 * Asks to write a key of a bulk request now; a refused key is reported as unsuccessful.
	 * @param namespaceId the namespace
	 * @param key the key
	 * @return whether the write is granted
	 */
	boolean tryAcquire(String namespaceId, String key) {
		try {
			grant(namespaceId, key);
			return true;
		}
		catch (ApiException ex) {
			this.counters.writeRateThrottledBulkKey();
			return false;
		}
	}

	private Grant grant(String namespaceId, String key) {
		Instant now = this.clock.instant();
		String id = namespaceId + '\u0000' + key;
		Stamp stamp = new Stamp(now);
		Stamp[] previous = new Stamp[1];
		Stamp current = this.lastWrites.compute(id, (k, last) -> {
			previous[0] = last;
			return (last == null || !now.isBefore(last.at().plus(WINDOW))) ? stamp : last;
		});
		if (current != stamp) {
			Duration wait = Duration.between(now, current.at().plus(WINDOW));
			long seconds = wait.getSeconds() + ((wait.getNano() > 0) ? 1 : 0);
			throw ApiException.throttled(Math.max(1, seconds));
		}
		if (this.lastWrites.size() > PRUNE_THRESHOLD) {
			Instant horizon = now.minus(WINDOW);
			this.lastWrites.values().removeIf((last) -> last.at().isBefore(horizon));
		}
		return new Grant(id, stamp, previous[0]);
	}

	/**
	 * Gives a grant back after its write failed, so that the key may be written again at once.
	 * @param grant the grant
	 */
	void release(Grant grant) {
		this.lastWrites.computeIfPresent(grant.id(), (k, last) -> (last == grant.stamp()) ? grant.previous() : last);
	}

	/**
	 * A granted write.
	 * @param id the key's id in the limiter
	 * @param stamp the write's time stamp (compared by identity)
	 * @param previous the stamp it replaced
	 */
	record Grant(String id, Stamp stamp, @Nullable Stamp previous) {
	}

	/**
	 * When a write was granted; each grant has its own instance.
	 * @param at the time
	 */
	record Stamp(Instant at) {
	}

}
