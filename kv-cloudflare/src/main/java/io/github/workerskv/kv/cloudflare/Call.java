package io.github.workerskv.kv.cloudflare;

import io.github.workerskv.kv.internal.CallTrace;

/**
 * Which call a request belongs to, for the layers around the transport: the retry layer names its
 * Resilience4j retry and reports events with {@code binding} and {@code operation}, retries the call as its
 * {@code kind} allows, and counts what it resent in the call's {@code trace}; the request budget reports its
 * waits with the same names.
 *
 * @param binding the namespace's name, or {@value #ACCOUNT} for calls about the account
 * @param operation the operation, as {@link io.github.workerskv.kv.KVListener} names it
 * @param kind what sending the request again can do
 * @param trace what the call's caller is told of (retries)
 */
record Call(String binding, String operation, Kind kind, CallTrace trace) {

	/** The name of calls that are about the account rather than one namespace. */
	static final String ACCOUNT = "account";

	/** The operation of namespace management calls. */
	static final String NAMESPACES = "namespaces";

	/**
	 * @param kind what sending the request again can do
	 * @return a namespace management call
	 */
	static Call account(Kind kind) {
		return new Call(ACCOUNT, NAMESPACES, kind, new CallTrace());
	}

	/** What sending a request again can do, and so when the retry layer may. */
	enum Kind {

		/** Reads nothing but changes nothing: sent again after any failure that may pass. */
		READ,

		/**
		 * Writes or deletes keys, the same way each time: sent again only when no earlier attempt can still
		 * be applied after it (see {@link Delivery}).
		 */
		WRITE,

		/** Must not be sent twice (creating a namespace) or is not worth the risk: sent once. */
		ONCE

	}

}
