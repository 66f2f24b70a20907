package io.github.workerskv.kv.emulator;

/**
 * Client text as it is quoted in error messages: whole when short, otherwise its first
 * {@value #SHOWN} characters and its length, so a message never grows with hostile input.
 */
final class Excerpt {

	/** Characters of a long text that are shown. */
	static final int SHOWN = 32;

	private static final int WHOLE = 64;

	private Excerpt() {
	}

	/**
	 * @param text client text
	 * @return the text, or for example {@code 99999999999999999999999999999999… (1000000 characters)}
	 */
	static String of(CharSequence text) {
		if (text.length() <= WHOLE) {
			return text.toString();
		}
		int end = Character.isHighSurrogate(text.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
		return text.subSequence(0, end) + "\u2026 (" + text.length() + " characters)";
	}

}
