package io.github.workerskv.kv.flags;

import io.github.workerskv.kv.KVNamespace;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes flag documents: validated, versioned, paced and audited.
 *
 * <p>Every write reads the document first, refuses a change whose expected version is not the stored one
 * ({@link StaleVersionException}; KV has no compare-and-set, so two admins racing within a second can still both
 * write), validates the result against flagd's schema rules and KV's limits ({@link FlagDocumentInvalidException};
 * nothing is written), waits until a second has passed since this admin last wrote the key (KV allows one write per
 * second per key), stamps metadata {@code {updatedAt, updatedBy, version}}, and appends an audit entry (who, when,
 * why, before, after) under the audit prefix, with the retention TTL.
 */
public interface FeatureFlagsAdmin {

	/**
	 * @param namespace where the documents are
	 * @param options keys, audit prefix and retention, pacing, clock
	 * @return the admin
	 */
	static FeatureFlagsAdmin create(KVNamespace namespace, FeatureFlagsOptions options) {
		return new DefaultFeatureFlagsAdmin(namespace, options);
	}

	/** @return the global document as stored */
	StoredFlagDocument global();

	/** @return a user's document as stored */
	StoredFlagDocument user(String userId);

	/**
	 * Sets (or with {@code null}, removes) one flag of the global document.
	 * @param flag the flag's name
	 * @param value a plain value or a flagd definition, or {@code null} to remove the flag
	 * @param change who, why, based on which version
	 * @return what was stamped
	 */
	DocumentMetadata setFlag(String flag, @Nullable JsonNode value, FlagChange change);

	/**
	 * Replaces the global document.
	 * @param document the whole document
	 * @param change who, why, based on which version
	 * @return what was stamped
	 */
	DocumentMetadata setDocument(JsonNode document, FlagChange change);

	/**
	 * Sets (or with {@code null}, removes) one flag of a user's document, creating it if needed. In
	 * {@link DocumentMode#REPLACE} the user's document is then their whole answer: copy the global flags they
	 * should keep.
	 * @param userId the user
	 * @param flag the flag's name
	 * @param value a plain value or a flagd definition, or {@code null} to remove it
	 * @param change who, why, based on which version
	 * @return what was stamped
	 */
	DocumentMetadata setUserFlag(String userId, String flag, @Nullable JsonNode value, FlagChange change);

	/**
	 * Replaces a user's document.
	 * @param userId the user
	 * @param document the whole document
	 * @param change who, why, based on which version
	 * @return what was stamped
	 */
	DocumentMetadata setUserDocument(String userId, JsonNode document, FlagChange change);

	/**
	 * @param document a document
	 * @throws FlagDocumentInvalidException if the admin would refuse to write it
	 */
	void validate(JsonNode document);

	/**
	 * @param limit the most entries, 1..1000
	 * @param cursor the previous page's cursor, or {@code null} for the newest entries
	 * @return a page of the audit trail, newest first
	 */
	AuditPage auditLog(int limit, @Nullable String cursor);

}
