package io.github.workerskv.kv.autoconfigure.flags;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.flags.AuditEntry;
import io.github.workerskv.kv.flags.DocumentMetadata;
import io.github.workerskv.kv.flags.FeatureFlags;
import io.github.workerskv.kv.flags.FeatureFlagsAdmin;
import io.github.workerskv.kv.flags.FlagChange;
import io.github.workerskv.kv.flags.FlagDocumentInvalidException;
import io.github.workerskv.kv.flags.FlagsState;
import io.github.workerskv.kv.flags.StaleVersionException;
import io.github.workerskv.kv.flags.StoredFlagDocument;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code flags} actuator endpoint.
 *
 * <ul>
 * <li>{@code GET /actuator/flags}: how fresh the documents are (status, version, last refresh, stale since), the
 * global document as stored with its metadata, and the newest audit entries;</li>
 * <li>{@code GET /actuator/flags/{user}}: that user's document as stored;</li>
 * <li>{@code POST /actuator/flags} with {@code {"flag": ..., "value": <JSON text>, "user": ..., "reason": ...,
 * "expectedVersion": n}}: sets one flag (of the global document, or of the user's), or removes it when
 * {@code value} is left out; validated, versioned, paced and audited as {@link FeatureFlagsAdmin} does, by the
 * authenticated principal (else {@code actor}, else {@code actuator}).</li>
 * </ul>
 * Reads are allowed by default, writes only where the application allows them:
 * {@code management.endpoint.flags.access=unrestricted} (the endpoint's default access is read-only). Reading
 * the documents reads KV; nothing here shows a credential.
 */
@Endpoint(id = "flags", defaultAccess = Access.READ_ONLY)
public class KVFlagsEndpoint {

	private static final int AUDIT_ENTRIES = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final FeatureFlags flags;

	private final FeatureFlagsAdmin admin;

	KVFlagsEndpoint(FeatureFlags flags, FeatureFlagsAdmin admin) {
		this.flags = flags;
		this.admin = admin;
	}

	/** @return the freshness, the global document and the newest audit entries */
	@ReadOperation
	public FlagsDescriptor flags() {
		FlagsState state = this.flags.state();
		List<AuditDescriptor> audit = this.admin.auditLog(AUDIT_ENTRIES, null)
			.entries()
			.stream()
			.map(AuditDescriptor::of)
			.toList();
		return new FlagsDescriptor(state.status().name(), state.globalVersion(), state.lastRefresh(),
				state.staleSince(), state.lastError(), state.refreshes(), state.failures(), state.cachedUsers(),
				DocumentDescriptor.of(this.admin.global()), audit);
	}

	/**
	 * @param user the user's id
	 * @return the user's document as stored
	 */
	@ReadOperation
	public DocumentDescriptor user(@Selector String user) {
		try {
			return DocumentDescriptor.of(this.admin.user(user));
		}
		catch (KVValidationException | IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Sets or removes one flag.
	 * @param flag the flag's name
	 * @param value its JSON (a plain value or a flagd definition), or {@code null} to remove it
	 * @param user the user whose document to change, or {@code null} for the global document
	 * @param reason why, for the audit trail
	 * @param expectedVersion the version the change is based on, or {@code null} for any
	 * @param actor who, when no principal is authenticated
	 * @param securityContext the caller
	 * @return what was stamped on the document
	 */
	@WriteOperation
	public DocumentMetadata setFlag(String flag, @Nullable String value, @Nullable String user,
			@Nullable String reason, @Nullable Long expectedVersion, @Nullable String actor,
			SecurityContext securityContext) {
		JsonNode json = null;
		if (value != null) {
			try {
				json = JSON.readTree(value);
			}
			catch (JacksonException ex) {
				throw new InvalidEndpointRequestException("value is not JSON: " + ex.getOriginalMessage(),
						"value must be JSON, such as true, 5, \"text\" or a flagd definition");
			}
		}
		String who = (securityContext.getPrincipal() != null) ? securityContext.getPrincipal().getName()
				: (actor != null && !actor.isBlank()) ? actor : "actuator";
		FlagChange change = FlagChange.by(who).withReason(reason);
		if (expectedVersion != null) {
			change = change.withExpectedVersion(expectedVersion);
		}
		try {
			return (user != null) ? this.admin.setUserFlag(user, flag, json, change)
					: this.admin.setFlag(flag, json, change);
		}
		catch (StaleVersionException | FlagDocumentInvalidException | KVValidationException | IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * The endpoint's answer to a read of the whole.
	 * @param status STARTING, READY, STALE or ERROR
	 * @param globalVersion the global document's version as last read
	 * @param lastRefresh when it was last read
	 * @param staleSince when reads started failing, or {@code null}
	 * @param lastError the last failure, or {@code null}
	 * @param refreshes successful reads of the global document
	 * @param failures failed reads
	 * @param cachedUsers users' documents in memory
	 * @param global the global document as stored now
	 * @param audit the newest audit entries, newest first
	 */
	public record FlagsDescriptor(String status, @Nullable Long globalVersion, @Nullable Instant lastRefresh,
			@Nullable Instant staleSince, @Nullable String lastError, long refreshes, long failures, int cachedUsers,
			DocumentDescriptor global, List<AuditDescriptor> audit) {
	}

	/**
	 * A document as stored.
	 * @param key its KV key
	 * @param document its flags
	 * @param version its version (0 if the admin never wrote it)
	 * @param updatedAt when the admin last wrote it, or {@code null}
	 * @param updatedBy who did, or {@code null}
	 */
	public record DocumentDescriptor(String key, Map<String, Object> document, long version,
			@Nullable Instant updatedAt, @Nullable String updatedBy) {

		static DocumentDescriptor of(StoredFlagDocument stored) {
			DocumentMetadata metadata = stored.metadata();
			return new DocumentDescriptor(stored.key(), plain(stored.document()), stored.version(),
					(metadata != null) ? metadata.updatedAt() : null, (metadata != null) ? metadata.updatedBy() : null);
		}

	}

	/**
	 * One audit entry.
	 * @param at when
	 * @param actor who
	 * @param reason why
	 * @param key which document
	 * @param versionBefore its version before
	 * @param versionAfter its version after
	 * @param before the changed flags' previous values
	 * @param after their new values
	 */
	public record AuditDescriptor(Instant at, String actor, @Nullable String reason, String key, long versionBefore,
			long versionAfter, Map<String, Object> before, Map<String, Object> after) {

		static AuditDescriptor of(AuditEntry entry) {
			return new AuditDescriptor(entry.at(), entry.actor(), entry.reason(), entry.key(), entry.versionBefore(),
					entry.versionAfter(), plain(entry.before()), plain(entry.after()));
		}

	}

	// Plain maps and lists, whichever JSON library the actuator writes them with.
	@SuppressWarnings("unchecked")
	private static Map<String, Object> plain(JsonNode node) {
		return node.isObject() ? JSON.convertValue(node, Map.class) : Map.of();
	}

}
