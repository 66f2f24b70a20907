package io.github.workerskv.kv.cloudflare;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Which namespace (by name) and operation the request being sent on this thread belongs to, so that the
 * layers below a call (the request budget at the {@link Transport}) can report events with the call's
 * {@code binding} and {@code operation}.
 *
 * @param binding the namespace's name, or {@code account}
 * @param operation the operation, as {@link io.github.workerskv.kv.resilience.ResilienceListener} names it
 */
record CallContext(String binding, String operation) {

	/** The name of calls that are about the account rather than one namespace. */
	static final String ACCOUNT = "account";

	private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

	private static final CallContext UNKNOWN = new CallContext(ACCOUNT, "unknown");

	/** @return the context of the call running on this thread, or one naming no call */
	static CallContext current() {
		CallContext context = CURRENT.get();
		return (context != null) ? context : UNKNOWN;
	}

	/**
	 * Runs a call in this context, restoring the previous one afterwards.
	 * @param call the call
	 * @param <T> its result
	 * @return its result
	 */
	<T> T run(Supplier<T> call) {
		@Nullable CallContext previous = CURRENT.get();
		CURRENT.set(this);
		try {
			return call.get();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

}
