package io.github.workerskv.kv.console;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/** A request the console refuses, with the status and the message the page shows (next to {@code field}). */
final class ConsoleError extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable String field;

	ConsoleError(int status, String message) {
		this(status, message, null);
	}

	ConsoleError(int status, String message, @Nullable String field) {
		super(message, null, false, false);
		this.status = status;
		this.field = field;
	}

	int status() {
		return this.status;
	}

	@Nullable String field() {
		return this.field;
	}

}
