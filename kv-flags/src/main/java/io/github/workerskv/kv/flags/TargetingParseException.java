package io.github.workerskv.kv.flags;

import org.jspecify.annotations.Nullable;

/** A targeting rule that flagd-core could not compile: its flag evaluates to {@code PARSE_ERROR}. */
final class TargetingParseException extends RuntimeException {

	TargetingParseException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
