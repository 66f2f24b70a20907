package io.github.workerskv.kv.cloudflare;

import org.jspecify.annotations.Nullable;

/** The headers of a response, as every HTTP transport can show them. */
@FunctionalInterface
interface ResponseHeaders {

	/**
	 * @param name a header name, in any case
	 * @return the header's first value, or {@code null} if the response has none
	 */
	@Nullable String first(String name);

}
