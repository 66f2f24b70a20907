package io.github.workerskv.kv.flags;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of evaluating one flag: the value to use, the variant it came from, and why.
 *
 * <p>Evaluation never throws: when something goes wrong the value is the caller's default, {@code reason} is
 * {@link FlagReason#ERROR} and {@code errorCode} says what.
 *
 * @param value the value (the caller's default unless the document supplied one)
 * @param variant the flagd variant chosen, or {@code null} for plain values and defaults
 * @param reason why this value
 * @param errorCode what went wrong, or {@code null}
 * @param errorMessage a description of what went wrong, or {@code null}
 * @param <T> the value's type
 */
public record FlagEvaluation<T>(T value, @Nullable String variant, FlagReason reason, @Nullable FlagErrorCode errorCode,
		@Nullable String errorMessage) {

	/** @return whether the value is the caller's default because of an error */
	public boolean isError() {
		return this.errorCode != null;
	}

}
