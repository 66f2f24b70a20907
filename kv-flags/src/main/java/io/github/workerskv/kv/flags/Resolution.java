package io.github.workerskv.kv.flags;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a document answers for one flag before the caller's type and default apply.
 *
 * @param value the JSON value, or {@code null} when the caller's default applies
 * @param variant the flagd variant, or {@code null}
 * @param reason why
 * @param errorCode what went wrong, or {@code null}
 * @param errorMessage a description, or {@code null}
 */
record Resolution(@Nullable JsonNode value, @Nullable String variant, FlagReason reason,
		@Nullable FlagErrorCode errorCode, @Nullable String errorMessage) {

	static Resolution of(JsonNode value, @Nullable String variant, FlagReason reason) {
		return new Resolution(value, variant, reason, null, null);
	}

	static Resolution noValue(FlagReason reason) {
		return new Resolution(null, null, reason, null, null);
	}

	static Resolution error(FlagErrorCode code, String message) {
		return new Resolution(null, null, FlagReason.ERROR, code, message);
	}

	/** @return the same answer with another reason (an error stays an error) */
	Resolution withReason(FlagReason newReason) {
		return (this.errorCode != null) ? this
				: new Resolution(this.value, this.variant, newReason, null, this.errorMessage);
	}

	/**
	 * Applies the requested type and the caller's default, as flagd-core's {@code resolve} does.
	 * @param flag the flag's name, for the message
	 * @param type the requested type
	 * @param defaultValue the caller's default
	 * @param convert reads a JSON value of that type
	 * @param <T> the Java type
	 * @return the evaluation
	 */
	<T> FlagEvaluation<T> as(String flag, FlagType type, T defaultValue, Function<JsonNode, T> convert) {
		if (this.value == null) {
			return new FlagEvaluation<>(defaultValue, this.variant, this.reason, this.errorCode, this.errorMessage);
		}
		if (!type.accepts(this.value)) {
			return new FlagEvaluation<>(defaultValue, null, FlagReason.ERROR, FlagErrorCode.TYPE_MISMATCH,
					"flag '" + flag + "' is " + this.value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
							+ ", not " + type.name().toLowerCase(java.util.Locale.ROOT));
		}
		return new FlagEvaluation<>(convert.apply(this.value), this.variant, this.reason, this.errorCode,
				this.errorMessage);
	}

}
