package io.github.workerskv.kv.emulator;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link KVEmulator} has answered so far, for assertions such as "the client never got
 * locked out": {@code assertThat(kv.stats().lockOutRejections()).isZero()}. A snapshot, from
 * {@link KVEmulator#stats()}; counting starts when the emulator starts or at
 * {@link KVEmulator#resetStats()}, whether or not a request budget or the write rate is enforced.
 *
 * <p>Limits: requests answered by an injected fault are not in these counts (see
 * {@link Faults#injectedCount()}), nor are requests that name no account ({@code /user},
 * {@code /memberships}, {@code /accounts}, {@code /user/tokens/verify}) or that were refused before
 * the account check (unknown route, authentication, unknown account).
 *
 * @param requestsByAccount per account id, every authenticated request to its endpoints, whether it
 * was served or refused (429s of the request budget and the write rate included); sorted by id
 * @param lockOutRejections the requests answered 429 because an account exceeded its
 * {@link RequestBudget} or was locked out for it (the request that exceeded it included)
 * @param writeRateRejections the single-key writes and deletes answered 429 because the key was
 * written less than a second before
 * @param writeRateThrottledBulkKeys the keys of bulk writes and deletes reported in
 * {@code unsuccessful_keys} because the key was written less than a second before
 */
public record KVEmulatorStats(Map<String, Long> requestsByAccount, long lockOutRejections, long writeRateRejections,
		long writeRateThrottledBulkKeys) {

	/** Copies the map, sorted by account id; it cannot be changed afterwards. */
	public KVEmulatorStats {
		Objects.requireNonNull(requestsByAccount, "requestsByAccount must not be null");
		requestsByAccount = Collections.unmodifiableSortedMap(new TreeMap<>(requestsByAccount));
	}

	/**
	 * @param accountId an account id
	 * @return the counted requests of this account, 0 if none
	 */
	public long requests(String accountId) {
		return this.requestsByAccount.getOrDefault(accountId, 0L);
	}

	/** @return the counted requests of all accounts */
	public long requests() {
		return this.requestsByAccount.values().stream().mapToLong(Long::longValue).sum();
	}

}
