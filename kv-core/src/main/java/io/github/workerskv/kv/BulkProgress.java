package io.github.workerskv.kv;

/**
 * Told how far a large {@link KVNamespace#bulkPut bulk put} or {@link KVNamespace#bulkDelete bulk delete}
 * has got: after each request (REST API) or transaction (embedded store), from the calling thread. Keep it
 * quick; an exception it throws stops the bulk call, and is thrown by it, after what was sent so far.
 */
@FunctionalInterface
public interface BulkProgress {

	/** Reports nothing. */
	BulkProgress NONE = (done, total) -> {
	};

	/**
	 * @param done how many items were sent so far (confirmed or not)
	 * @param total how many items the call has
	 */
	void onProgress(long done, long total);

}
