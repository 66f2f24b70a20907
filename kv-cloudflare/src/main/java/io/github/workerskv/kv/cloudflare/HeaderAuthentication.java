package io.github.workerskv.kv.cloudflare;

import java.net.http.HttpRequest;

/** What every {@link Credentials} does on the wire. */
interface HeaderAuthentication {

	/**
	 * Adds the authentication headers.
	 * @param request the request being built
	 */
	void authenticate(HttpRequest.Builder request);

	/**
	 * Removes the secret from a text that did not come from this library, such as a server's message.
	 * @param text the text
	 * @return the text with the secret masked
	 */
	String redact(String text);

}
