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

}
