package io.github.workerskv.kv.flags;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The KV metadata the admin stamps on a flag document: {@code {"updatedAt": "...", "updatedBy": "...",
 * "version": n}}, at most 1024 bytes as JSON.
 *
 * @param updatedAt when it was written
 * @param updatedBy who wrote it
 * @param version 1 for the first write, then one more for each write
 */
public record DocumentMetadata(Instant updatedAt, String updatedBy, long version) {

	/**
	 * @param metadata a document's KV metadata
	 * @return its {@code version}, or 0 if it has none
	 */
	static long versionOf(@Nullable JsonNode metadata) {
		return (metadata != null && metadata.path("version").canConvertToLong()) ? metadata.path("version").asLong()
				: 0;
	}

}
