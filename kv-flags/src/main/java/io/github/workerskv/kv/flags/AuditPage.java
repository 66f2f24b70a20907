package io.github.workerskv.kv.flags;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the audit trail, newest first.
 *
 * @param entries the entries
 * @param cursor pass it to the next call to continue, or {@code null} on the last page
 */
public record AuditPage(List<AuditEntry> entries, @Nullable String cursor) {

	public AuditPage {
		entries = List.copyOf(entries);
	}

}
