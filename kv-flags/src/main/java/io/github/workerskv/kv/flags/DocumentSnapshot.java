package io.github.workerskv.kv.flags;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A document as last read: its content ({@code null} when the key does not exist), metadata version and when it
 * was read.
 */
record DocumentSnapshot(@Nullable FlagDocument document, @Nullable Long version, Instant readAt) {

	boolean exists() {
		return this.document != null;
	}

	/** @return whether another read found the same document (content and version) */
	boolean sameAs(DocumentSnapshot other) {
		FlagDocument mine = this.document;
		FlagDocument theirs = other.document;
		if (mine == null || theirs == null) {
			return mine == theirs && java.util.Objects.equals(this.version, other.version);
		}
		return java.util.Objects.equals(this.version, other.version) && mine.source().equals(theirs.source());
	}

}
