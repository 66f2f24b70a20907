package io.github.workerskv.kv;

import java.util.List;

/**
 * What a bulk put or bulk delete achieved, summed over all the requests (or, in the embedded store, the
 * transactions) it was split into.
 *
 * <p>Over the REST API bulk writes are not atomic: a request can succeed while some keys were "not written
 * successfully to all storage backends". Those keys are in {@link #unsuccessfulKeys()} and should be
 * written again. The embedded store confirms every key it returns from.
 *
 * @param successfulKeyCount how many keys the server confirmed
 * @param unsuccessfulKeys every key that was not confirmed, in request order: those the server listed in
 * {@code unsuccessful_keys}, and all keys of a request that failed as a whole
 */
public record BulkResult(long successfulKeyCount, List<String> unsuccessfulKeys) {

	public BulkResult {
		unsuccessfulKeys = List.copyOf(unsuccessfulKeys);
	}

	/**
	 * @param count how many keys were confirmed
	 * @return a result in which every key was confirmed
	 */
	public static BulkResult complete(long count) {
		return new BulkResult(count, List.of());
	}

	/** @return whether every key was confirmed */
	public boolean isComplete() {
		return this.unsuccessfulKeys.isEmpty();
	}

}
