package io.github.workerskv.kv.cloudflare;

import java.util.Objects;

/** Checks secrets before they reach a header, without ever putting them into a message. */
final class Secrets {

	static final String MASK = "****";

	private Secrets() {
	}

	/**
	 * @param value the secret
	 * @param what what it is, for the message
	 * @return the secret
	 * @throws IllegalArgumentException if it is empty or holds anything but printable ASCII (no spaces)
	 */
	static String checkHeaderValue(String value, String what) {
		Objects.requireNonNull(value, what + " must not be null");
		if (value.isEmpty()) {
			throw new IllegalArgumentException(what + " must not be empty");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= 0x20 || c >= 0x7F) {
				throw new IllegalArgumentException(what + " holds a character that is not printable ASCII at index "
						+ i + "; copy it again without spaces or line breaks");
			}
		}
		return value;
	}

	/**
	 * Replaces every occurrence of a secret in a text that came from elsewhere (a server message).
	 * @param text the text
	 * @param secret the secret
	 * @return the text without the secret
	 */
	static String redact(String text, String secret) {
		return text.replace(secret, MASK);
	}

}
