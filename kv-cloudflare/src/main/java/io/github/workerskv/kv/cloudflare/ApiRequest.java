package io.github.workerskv.kv.cloudflare;

import org.jspecify.annotations.Nullable;

/**
 * One request to the API, as it travels from a namespace or the client through the retry layer and the
 * request budget to the HTTP transport: everything any layer needs, and nothing else.
 *
 * @param method the HTTP method
 * @param path the path below the base URL, already encoded
 * @param query the query string without {@code ?}, already encoded; empty for none
 * @param body the body, or {@code null} for none
 * @param streamed whether the response is a value to stream rather than Cloudflare's JSON envelope
 * @param missingAllowed whether "key not found" (HTTP 404, code 10009) is an answer rather than a failure
 * @param call the call the request belongs to
 */
record ApiRequest(String method, String path, String query, @Nullable RequestBody body, boolean streamed,
		boolean missingAllowed, Call call) {

	/**
	 * @param method the HTTP method
	 * @param path the path below the base URL, already encoded
	 * @param call the call the request belongs to
	 * @return a request without query or body that expects an envelope
	 */
	static ApiRequest of(String method, String path, Call call) {
		return new ApiRequest(method, path, "", null, false, false, call);
	}

	/**
	 * @param query the query
	 * @return a copy with this query
	 */
	ApiRequest withQuery(Query query) {
		return new ApiRequest(this.method, this.path, query.toString(), this.body, this.streamed, this.missingAllowed,
				this.call);
	}

	/**
	 * @param body the body
	 * @return a copy with this body
	 */
	ApiRequest withBody(RequestBody body) {
		return new ApiRequest(this.method, this.path, this.query, body, this.streamed, this.missingAllowed, this.call);
	}

	/** @return a copy whose successful response is a value body, not an envelope */
	ApiRequest streamingResponse() {
		return new ApiRequest(this.method, this.path, this.query, this.body, true, this.missingAllowed, this.call);
	}

	/** @return a copy for which "key not found" is an answer */
	ApiRequest allowingMissing() {
		return new ApiRequest(this.method, this.path, this.query, this.body, this.streamed, true, this.call);
	}

	/**
	 * @return whether the request may be sent again after a failed attempt at all (which failures allow it
	 * is the retry layer's decision)
	 */
	boolean retryable() {
		return this.call.kind() != Call.Kind.ONCE && (this.body == null || this.body.repeatable());
	}

	/** @return whether the request writes or deletes keys */
	boolean writes() {
		return this.call.kind() == Call.Kind.WRITE;
	}

	/** @return method and path, for messages and logs (never the query, never headers) */
	String target() {
		return this.method + " " + this.path;
	}

}
