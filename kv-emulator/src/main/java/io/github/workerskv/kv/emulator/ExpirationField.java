package io.github.workerskv.kv.emulator;

import io.github.workerskv.kv.InvalidExpirationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code expiration} and {@code expiration_ttl}, read from a query parameter or a bulk item's JSON
 * field with bounded work ({@link DecimalInteger}). Only whole numbers are accepted: exponents,
 * fractions and text are refused with Cloudflare's message ({@code Invalid expiration_ttl of 1e3.
 * Please specify integer greater than 0.}), numbers beyond KV's 32-bit range with the limit. The
 * range checks of valid numbers (at least 60 s, in the future) stay with {@code KVLimits}.
 */
enum ExpirationField {

	/** Seconds to live, {@code expiration_ttl}. */
	TTL("expiration_ttl", "Please specify integer greater than 0.",
			"Expiration TTL must be at most " + Integer.MAX_VALUE + " seconds."),

	/** Seconds since the UNIX epoch, {@code expiration}. */
	EXPIRATION("expiration", "Please specify integer greater than the current number of seconds since the UNIX epoch.",
			"Expiration must be at most " + Integer.MAX_VALUE
					+ " seconds since the UNIX epoch; was it given in milliseconds?");

	private final String field;

	private final String notAnInteger;

	private final String tooLarge;

	ExpirationField(String field, String notAnInteger, String tooLarge) {
		this.field = field;
		this.notAnInteger = notAnInteger;
		this.tooLarge = tooLarge;
	}

	/** @return the parameter or field name, for example {@code expiration_ttl} */
	String fieldName() {
		return this.field;
	}

	/**
	 * @param text a query parameter's decoded value
	 * @return the seconds, or {@code null} if the parameter is absent or empty
	 * @throws InvalidExpirationException (400) if it is not a whole number in a {@code long}'s range
	 */
	@Nullable Long read(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		return value(DecimalInteger.parse(text), Excerpt.of(text));
	}

	/**
	 * @param node a bulk item's field: a JSON number or a string holding one
	 * @return the seconds, or {@code null} if the field is absent, null or the empty string
	 * @throws InvalidExpirationException (400) if it is not a whole number in a {@code long}'s range
	 */
	@Nullable Long read(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return read(node.asString());
		}
		if (node.isIntegralNumber()) {
			if (node.canConvertToLong()) {
				return node.longValue();
			}
			DecimalInteger.Kind kind = (node.bigIntegerValue().signum() < 0) ? DecimalInteger.Kind.TOO_SMALL
					: DecimalInteger.Kind.TOO_LARGE;
			return value(new DecimalInteger(kind, 0), Excerpt.of(node.toString()));
		}
		String shown = node.isNumber() || node.isBoolean() ? node.toString() : "a JSON " + node.getNodeType();
		return value(new DecimalInteger(DecimalInteger.Kind.NOT_AN_INTEGER, 0), Excerpt.of(shown));
	}

	private long value(DecimalInteger number, String shown) {
		return switch (number.kind()) {
			case INTEGER -> number.value();
			case TOO_LARGE -> throw invalid(shown, this.tooLarge);
			case TOO_SMALL, NOT_AN_INTEGER -> throw invalid(shown, this.notAnInteger);
			case TOO_LONG -> throw invalid(shown, this.notAnInteger.substring(0, this.notAnInteger.length() - 1)
					+ ", in at most " + DecimalInteger.MAX_LENGTH + " characters.");
		};
	}

	private InvalidExpirationException invalid(String shown, String advice) {
		return new InvalidExpirationException(400, "Invalid " + this.field + " of " + shown + ". " + advice);
	}

}
