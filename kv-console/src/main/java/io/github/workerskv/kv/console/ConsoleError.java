package io.github.workerskv.kv.console;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * A request the console refuses: the HTTP status and the message the page shows, next to the form field it names
 * (or above the form when it names none). The console's own API throws it, and so may a {@link ConsoleExtension}:
 * the console answers {@code {"error": message, "field": field}} with the status. The message is shown to the
 * person as it is: say what to do, and never put a credential in it.
 */
public final class ConsoleError extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable String field;

	/**
	 * @param status a 4xx status, for example 400, 404 or 409
	 * @param message what the person must do
	 */
	public ConsoleError(int status, String message) {
		this(status, message, null);
	}

	/**
	 * @param status a 4xx status, for example 400, 404 or 409
	 * @param message what the person must do
	 * @param field the form field the message belongs next to (the page's {@code data-field}), or {@code null}
	 */
	public ConsoleError(int status, String message, @Nullable String field) {
		super(message, null, false, false);
		this.status = status;
		this.field = field;
	}

	/** @return the HTTP status */
	public int status() {
		return this.status;
	}

	/** @return the field the message belongs next to, or {@code null} */
	public @Nullable String field() {
		return this.field;
	}

}
