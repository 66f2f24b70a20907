package io.github.workerskv.kv.cloudflare;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of path segments and query values (RFC 3986), from UTF-8 bytes: only the
 * unreserved characters {@code A-Z a-z 0-9 - . _ ~} stay as they are, everything else becomes
 * {@code %XX} with upper-case hex. So a space is {@code %20} (never {@code +}), {@code /} is
 * {@code %2F} and {@code %} is {@code %25}: a key is one path segment, decoded once by the server.
 * {@link java.net.URLEncoder} is form encoding and must not be used here.
 */
final class UrlEncoding {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private UrlEncoding() {
	}

	/**
	 * @param text any valid Unicode text (callers check keys for unpaired surrogates first)
	 * @return the text as one percent-encoded path segment or query value
	 */
	static String encode(String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = null;
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xFF;
			if (isUnreserved(b)) {
				if (out != null) {
					out.append((char) b);
				}
			}
			else {
				if (out == null) {
					out = new StringBuilder(bytes.length * 3);
					for (int j = 0; j < i; j++) {
						out.append((char) bytes[j]);
					}
				}
				out.append('%').append(HEX[b >> 4]).append(HEX[b & 0x0F]);
			}
		}
		return (out != null) ? out.toString() : text;
	}

	private static boolean isUnreserved(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.'
				|| b == '_' || b == '~';
	}

}
