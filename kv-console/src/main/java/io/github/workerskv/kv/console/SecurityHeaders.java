package io.github.workerskv.kv.console;

import java.util.Map;

/**
 * Headers on every answer: the page runs only its own scripts and styles, cannot be framed, sends no referrer
 * and is never sniffed as another type; API answers are not cached.
 */
final class SecurityHeaders {

	static final Map<String, String> PAGE = Map.of("Content-Security-Policy",
			"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
					+ "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
			"X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY", "Referrer-Policy", "no-referrer");

	static final Map<String, String> API = Map.of("X-Content-Type-Options", "nosniff", "Cache-Control", "no-store",
			"Referrer-Policy", "no-referrer");

	private SecurityHeaders() {
	}

}
