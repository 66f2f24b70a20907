package io.github.workerskv.kv.cloudflare;

import java.util.Set;

/**
 * What a failed attempt of a request tells about the server's work on it, which decides whether a write may
 * be sent again: a write's retry is only safe when no earlier attempt of it can still be applied after the
 * retry (and after the writes that follow it).
 */
enum Delivery {

	/** The request never reached the server in full: no connection, or it broke before the whole body. */
	NOT_SENT,

	/** The server answered: it is done with the request, whether it applied it or not. */
	ANSWERED,

	/**
	 * The request reached the server, or may have, and nothing says the server is done with it: the
	 * request timed out or the connection broke after it was sent, or a gateway answered in the server's place.
	 */
	UNKNOWN;

	/**
	 * Answers of gateways that stand in for a server that may still be working on the request: Bad Gateway,
	 * Gateway Timeout, and Cloudflare's "unknown error" and "a timeout occurred".
	 */
	private static final Set<Integer> GATEWAY_STATUSES = Set.of(502, 504, 520, 524);

	/**
	 * @param failure how an attempt failed
	 * @return what it tells about the server's work on the request
	 */
	static Delivery of(CloudflareKVException failure) {
		if (failure instanceof CloudflareRequestBudgetException) {
			return NOT_SENT;
		}
		int status = failure.httpStatus();
		if (status != 0) {
			return GATEWAY_STATUSES.contains(status) ? UNKNOWN : ANSWERED;
		}
		if (failure instanceof CloudflareIOException io && !io.requestSent()) {
			return NOT_SENT;
		}
		return UNKNOWN;
	}

}
