package io.github.workerskv.kv.spring.data;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One key of a keyspace on its way through a query: what {@code list} said about it, and the entity once
 * its value has been read.
 */
final class Row {

	private final String key;

	private final @Nullable JsonNode metadata;

	private final @Nullable String pageCursor;

	private @Nullable Object entity;

	private @Nullable SortKey sortKey;

	Row(String key, @Nullable JsonNode metadata, @Nullable String pageCursor) {
		this.key = key;
		this.metadata = metadata;
		this.pageCursor = pageCursor;
	}

	String key() {
		return this.key;
	}

	@Nullable JsonNode metadata() {
		return this.metadata;
	}

	/** @return the cursor that listed the page holding this key, {@code null} for the first page */
	@Nullable String pageCursor() {
		return this.pageCursor;
	}

	@Nullable Object entity() {
		return this.entity;
	}

	/** @return the entity, which a query has read before it tests or sorts on the entity's values */
	Object loadedEntity() {
		if (this.entity == null) {
			throw new IllegalStateException("The value of '" + this.key + "' has not been read");
		}
		return this.entity;
	}

	void entity(Object entity) {
		this.entity = entity;
	}

	@Nullable SortKey sortKey() {
		return this.sortKey;
	}

	void sortKey(SortKey sortKey) {
		this.sortKey = sortKey;
	}

}
