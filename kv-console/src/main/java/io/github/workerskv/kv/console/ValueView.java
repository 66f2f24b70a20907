package io.github.workerskv.kv.console;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the console shows a value: as text when it is UTF-8 without control characters (other than tab and line
 * breaks), as pretty-printed JSON when that text is a JSON object or array, otherwise as binary with a hex
 * dump of its first {@value #HEX_BYTES} bytes. Text longer than {@value #MAX_TEXT_BYTES} bytes is cut and
 * cannot be edited in the page (it can be downloaded and replaced by a file).
 *
 * @param kind {@code text}, {@code json} or {@code binary}
 * @param size the value's length in bytes
 * @param text the value as text (cut when {@code truncated}), or {@code null} for binary values
 * @param pretty the JSON pretty printed, or {@code null} when the value is not JSON
 * @param hex the hex dump, or {@code null} for text
 * @param truncated whether what is shown is only the start of the value
 */
record ValueView(String kind, long size, @Nullable String text, @Nullable String pretty, @Nullable String hex,
		boolean truncated) {

	static final int MAX_TEXT_BYTES = 256 * 1024;

	static final int HEX_BYTES = 4096;

	static ValueView of(byte[] value, JsonMapper jsonMapper) {
		String text = utf8Text(value);
		if (text == null) {
			byte[] head = Arrays.copyOf(value, Math.min(value.length, HEX_BYTES));
			return new ValueView("binary", value.length, null, null, hexDump(head), value.length > HEX_BYTES);
		}
		if (value.length > MAX_TEXT_BYTES) {
			String head = utf8Text(Arrays.copyOf(value, MAX_TEXT_BYTES), true);
			return new ValueView("text", value.length, head, null, null, true);
		}
		String pretty = prettyJson(text, jsonMapper);
		return new ValueView((pretty != null) ? "json" : "text", value.length, text, pretty, null, false);
	}

	/** @return the text, or {@code null} if the bytes are not UTF-8 or hold control characters */
	private static @Nullable String utf8Text(byte[] bytes) {
		return utf8Text(bytes, false);
	}

	private static @Nullable String utf8Text(byte[] bytes, boolean cut) {
		CharBuffer chars;
		try {
			chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(cut ? CodingErrorAction.IGNORE : CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		for (int i = 0; i < chars.length(); i++) {
			char c = chars.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				return null;
			}
		}
		return chars.toString();
	}

	private static @Nullable String prettyJson(String text, JsonMapper jsonMapper) {
		String trimmed = text.strip();
		if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
			return null;
		}
		try {
			JsonNode node = jsonMapper.readTree(trimmed);
			return jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** Sixteen bytes a line: offset, bytes in hex, and the printable ASCII ones. */
	static String hexDump(byte[] bytes) {
		StringBuilder out = new StringBuilder(bytes.length * 4 + 32);
		for (int line = 0; line < bytes.length; line += 16) {
			out.append(String.format("%08x ", line));
			StringBuilder ascii = new StringBuilder(16);
			for (int i = line; i < line + 16; i++) {
				if (i < bytes.length) {
					int b = bytes[i] & 0xff;
					out.append(' ').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
					ascii.append((b >= 0x20 && b < 0x7f) ? (char) b : '.');
				}
				else {
					out.append("   ");
				}
			}
			out.append("  |").append(ascii).append("|\n");
		}
		return out.toString();
	}

}
