package io.github.workerskv.kv.emulator;

import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a raw query string strictly: {@code +} is a space, {@code %XX} escapes must be complete, and
 * the bytes must be UTF-8 (Jetty's lenient decoding turns {@code %ff} or an encoded surrogate into
 * U+FFFD, which would then list the keys under {@code \uFFFD}). A byte that is not UTF-8 sent raw
 * reaches the server as U+FFFD in the raw query and is refused the same way; an encoded
 * {@code %EF%BF%BD} is a valid U+FFFD.
 */
final class QueryParameters {

	private QueryParameters() {
	}

	/**
	 * @param rawQuery the query string as received, without the {@code ?}, or {@code null}
	 * @return the parameters, names case-sensitive
	 * @throws ApiException 400 with code 10020 for bytes that are not UTF-8, 10001 for a broken escape;
	 * the message names the parameter
	 */
	static Fields decode(@Nullable String rawQuery) {
		Fields fields = new Fields(true);
		if (rawQuery == null || rawQuery.isEmpty()) {
			return fields;
		}
		for (String parameter : rawQuery.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			int equals = parameter.indexOf('=');
			String name = Excerpt.of((equals < 0) ? parameter : parameter.substring(0, equals));
			if (parameter.indexOf(Utf8StringBuilder.REPLACEMENT) >= 0) {
				throw notUtf8(name);
			}
			try {
				UrlEncoded.decodeUtf8To(parameter, 0, parameter.length(), fields::add, false, false, false);
			}
			catch (Utf8StringBuilder.Utf8IllegalArgumentException ex) {
				throw notUtf8(name);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.badRequest("The query parameter '" + name
						+ "' has a broken percent escape: '%' must be followed by two hexadecimal digits.");
			}
		}
		return fields;
	}

	private static ApiException notUtf8(String name) {
		return new ApiException(400, ErrorCodes.INVALID_KEY, "The query parameter '" + name
				+ "' is not valid UTF-8: it holds bytes (raw or percent-encoded) that are no UTF-8 character.");
	}

}
