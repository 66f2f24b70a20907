package io.github.workerskv.kv.flags;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A flag document as stored: its JSON and the metadata the admin stamped.
 *
 * @param key the KV key
 * @param document the JSON object (empty if the key does not exist)
 * @param metadata the stamped metadata, or {@code null} if it has none (absent, or written by something else)
 */
public record StoredFlagDocument(String key, ObjectNode document, @Nullable DocumentMetadata metadata) {

	/** @return the version a change based on this document expects */
	public long version() {
		return (this.metadata != null) ? this.metadata.version() : 0;
	}

}
