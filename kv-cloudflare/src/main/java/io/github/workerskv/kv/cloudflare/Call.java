package io.github.workerskv.kv.cloudflare;

import io.github.workerskv.kv.internal.CallTrace;

/**
 * Which call a request belongs to, for the layers around the transport: the retry layer names its
 * Resilience4j retry and reports events with {@code binding} and {@code operation}, retries only an
 * {@code idempotent} call, and counts what it resent in the call's {@code trace}; the request budget reports
 * its waits with the same names.
 *
 * @param binding the namespace's name, or {@value #ACCOUNT} for calls about the account
 * @param operation the operation, as {@link io.github.workerskv.kv.KVListener} names it
 * @param idempotent whether sending the request again cannot do harm
 * @param trace what the call's caller is told of (retries)
 */
record Call(String binding, String operation, boolean idempotent, CallTrace trace) {

	/** The name of calls that are about the account rather than one namespace. */
	static final String ACCOUNT = "account";

	/** The operation of namespace management calls. */
	static final String NAMESPACES = "namespaces";

	/**
	 * @param idempotent whether the call may be retried
	 * @return a namespace management call
	 */
	static Call account(boolean idempotent) {
		return new Call(ACCOUNT, NAMESPACES, idempotent, new CallTrace());
	}

}
