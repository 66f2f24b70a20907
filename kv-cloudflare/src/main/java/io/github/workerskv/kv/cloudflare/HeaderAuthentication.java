package io.github.workerskv.kv.cloudflare;

import java.util.function.BiConsumer;

/** What every {@link Credentials} does on the wire. */
interface HeaderAuthentication {

	/**
	 * Adds the authentication headers.
	 * @param header sets one header (name, value) of the request being built
	 */
	void authenticate(BiConsumer<String, String> header);

	/**
	 * Removes the secret from a text that did not come from this library, such as a server's message.
	 * @param text the text
	 * @return the text with the secret masked
	 */
	String redact(String text);

}
