package io.github.workerskv.kv.flags;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the flag service knows about its documents, for health checks and the admin console.
 *
 * @param status how fresh the answers are
 * @param globalVersion the {@code version} in the global document's metadata, or {@code null} if it has none
 * @param lastRefresh when the global document was last read successfully, or {@code null}
 * @param staleSince when reading KV started failing (answers come from the last good documents since), or
 * {@code null} while reads succeed
 * @param lastError what the last failed read said, or {@code null}
 * @param refreshes how many reads of the global document succeeded
 * @param failures how many reads (global or user documents) failed
 * @param cachedUsers how many user documents are held in memory
 */
public record FlagsState(Status status, @Nullable Long globalVersion, @Nullable Instant lastRefresh,
		@Nullable Instant staleSince, @Nullable String lastError, long refreshes, long failures, int cachedUsers) {

	/** How fresh the answers are. */
	public enum Status {

		/** No read has finished yet. */
		STARTING,

		/** The last read succeeded. */
		READY,

		/** Reads fail; answers come from the last good documents (a health indicator may still say UP). */
		STALE,

		/** No read has ever succeeded; every evaluation answers its default with reason {@code ERROR}. */
		ERROR

	}

}
