package io.github.workerskv.kv.flags;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who makes an admin change, why, and which document version they saw. Immutable; {@code with…} returns a copy.
 */
public final class FlagChange {

	private final String actor;

	private final @Nullable String reason;

	private final @Nullable Long expectedVersion;

	private FlagChange(String actor, @Nullable String reason, @Nullable Long expectedVersion) {
		this.actor = actor;
		this.reason = reason;
		this.expectedVersion = expectedVersion;
	}

	/**
	 * @param actor who makes the change (stamped as {@code updatedBy}; non-empty)
	 * @return a change by that actor, for any current version
	 */
	public static FlagChange by(String actor) {
		Objects.requireNonNull(actor, "actor must not be null");
		if (actor.isBlank()) {
			throw new IllegalArgumentException("actor must not be empty: say who makes the change");
		}
		return new FlagChange(actor, null, null);
	}

	/** @return a copy that records why (in the audit entry) */
	public FlagChange withReason(@Nullable String reason) {
		return new FlagChange(this.actor, reason, this.expectedVersion);
	}

	/**
	 * @param version the version the change was based on (0 for "the document does not exist yet")
	 * @return a copy that is refused if the stored version is another
	 */
	public FlagChange withExpectedVersion(long version) {
		return new FlagChange(this.actor, this.reason, version);
	}

	public String actor() {
		return this.actor;
	}

	public @Nullable String reason() {
		return this.reason;
	}

	public @Nullable Long expectedVersion() {
		return this.expectedVersion;
	}

}
