package io.github.workerskv.kv.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one raw path segment exactly once, as the real API does for a key in the URL:
 * {@code %XX} escapes become bytes, everything else (including {@code +}) is taken literally, and
 * the bytes must be valid UTF-8. Libraries' URL decoders either turn {@code +} into a space (form
 * encoding) or normalise {@code %2F}, so neither fits a path key.
 */
final class PercentDecoder {

	private PercentDecoder() {
	}

	/**
	 * @param raw the raw segment, for example {@code a%2Fb+c}
	 * @return the decoded text, for example {@code a/b+c}
	 * @throws ApiException (400) for a broken escape or bytes that are not UTF-8
	 */
	static String decodePathSegment(String raw) {
		if (raw.indexOf('%') < 0) {
			return raw;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				int high = (i + 2 < raw.length()) ? Character.digit(raw.charAt(i + 1), 16) : -1;
				int low = (high >= 0) ? Character.digit(raw.charAt(i + 2), 16) : -1;
				if (low < 0) {
					throw new ApiException(400, ErrorCodes.INVALID_KEY,
							"Could not URL-decode key name: broken escape at index " + i + " of '" + raw + "'");
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c < 0x80) {
				bytes.write(c);
			}
			else {
				int codePoint = raw.codePointAt(i);
				byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
				bytes.write(utf8, 0, utf8.length);
				i += Character.charCount(codePoint) - 1;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ApiException(400, ErrorCodes.INVALID_KEY,
					"Could not URL-decode key name: '" + raw + "' does not decode to UTF-8");
		}
	}

}
