package io.github.workerskv.kv.cloudflare;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads how long a server asked the client to wait: {@code retry-after-ms} (milliseconds, possibly
 * fractional) wins, else {@code Retry-After} as delta-seconds (possibly fractional) or an HTTP date
 * (RFC 1123, minus now). A date in the past gives zero; anything unreadable gives {@code null}.
 */
final class RetryAfter {

	private static final Pattern DECIMAL = Pattern.compile("[0-9]*\\.?[0-9]+|[0-9]+\\.");

	/** Longer delays than this are clamped; no one waits a year. */
	private static final Duration MAX = Duration.ofDays(1);

	private RetryAfter() {
	}

	/**
	 * @param headers the response headers
	 * @param clock the current time, for HTTP dates
	 * @return the delay, or {@code null} if the headers do not give a readable one
	 */
	static @Nullable Duration from(ResponseHeaders headers, Clock clock) {
		String millis = headers.first("retry-after-ms");
		if (millis != null) {
			Duration parsed = parseMillis(millis);
			if (parsed != null) {
				return parsed;
			}
		}
		String retryAfter = headers.first("retry-after");
		return (retryAfter != null) ? parse(retryAfter, clock) : null;
	}

	/**
	 * @param value a {@code Retry-After} value: seconds or an HTTP date
	 * @param clock the current time
	 * @return the delay, or {@code null} if unreadable
	 */
	static @Nullable Duration parse(String value, Clock clock) {
		String text = value.trim();
		if (text.isEmpty()) {
			return null;
		}
		if (Character.isDigit(text.charAt(0)) || text.charAt(0) == '.') {
			return scaled(text, 1_000_000_000L);
		}
		try {
			ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
			Duration delay = Duration.between(clock.instant(), date.toInstant());
			return clamp(delay.isNegative() ? Duration.ZERO : delay);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * @param value a {@code retry-after-ms} value
	 * @return the delay, or {@code null} if unreadable
	 */
	static @Nullable Duration parseMillis(String value) {
		return scaled(value.trim(), 1_000_000L);
	}

	private static @Nullable Duration scaled(String number, long nanosPerUnit) {
		if (number.length() > 32 || !DECIMAL.matcher(number).matches()) {
			return null;
		}
		try {
			BigDecimal amount = new BigDecimal(number);
			BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.CEILING);
			if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
				return MAX;
			}
			return Duration.ofNanos(nanos.longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	private static Duration clamp(Duration delay) {
		return (delay.compareTo(MAX) > 0) ? MAX : delay;
	}

}
