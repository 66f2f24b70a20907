package io.github.workerskv.kv;

import java.util.Locale;

/** What a {@link KVNamespace} call does, as {@link KVListener}s and metrics name it. */
public enum KVOperation {

	/** A single read of any type ({@code get}, {@code getJson}, {@code getBytes}, {@code getStream}). */
	GET,

	/** A bulk read: {@code get(keys)} or {@code getWithMetadata(keys)}. */
	GET_BULK,

	/** A single read with metadata. */
	GET_WITH_METADATA,

	/** A write of one key. */
	PUT,

	/** A delete of one key. */
	DELETE,

	/** One page of a listing. */
	LIST,

	/** A bulk write. */
	BULK_PUT,

	/** A bulk delete. */
	BULK_DELETE;

	/** @return the name in events and meter tags: {@code get}, {@code get_bulk}, ..., {@code bulk_delete} */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
