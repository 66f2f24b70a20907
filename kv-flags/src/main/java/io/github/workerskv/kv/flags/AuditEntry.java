package io.github.workerskv.kv.flags;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One admin change as the audit trail records it. {@code before} and {@code after} hold only the flags that
 * changed (a flag missing from {@code after} was removed, one missing from {@code before} was added).
 *
 * @param at when
 * @param actor who
 * @param reason why, or {@code null}
 * @param key the document's KV key
 * @param versionBefore the document's version before (0 if it did not exist)
 * @param versionAfter its version after
 * @param before the changed flags' previous values
 * @param after the changed flags' new values
 */
public record AuditEntry(Instant at, String actor, @Nullable String reason, String key, long versionBefore,
		long versionAfter, JsonNode before, JsonNode after) {
}
