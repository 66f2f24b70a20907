package io.github.workerskv.kv;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * An option of this library's configuration (a client's, a store's, retries', ...) was given a value
 * outside its range. Thrown by the {@code with…} method that received it, so that nothing is configured
 * wrongly; {@link #option()} names the option as its {@code with…} method does ({@code maxAttempts} for
 * {@code withMaxAttempts}), so that a framework can name its own setting for it without reading the message.
 */
public class InvalidOptionException extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String option;

	private final transient @Nullable Object value;

	/**
	 * @param option the option's name, in camel case
	 * @param value the refused value (never a secret), or {@code null}
	 * @param message what is wrong and what is allowed, starting with the option's name
	 */
	public InvalidOptionException(String option, @Nullable Object value, String message) {
		super(message);
		this.option = option;
		this.value = value;
	}

	/** @return the option's name, in camel case, as in its {@code with…} method */
	public String option() {
		return this.option;
	}

	/** @return the refused value, or {@code null} */
	public @Nullable Object value() {
		return this.value;
	}

}
