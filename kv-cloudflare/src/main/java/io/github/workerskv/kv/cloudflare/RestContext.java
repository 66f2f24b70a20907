package io.github.workerskv.kv.cloudflare;

import java.time.Duration;

import io.github.workerskv.kv.KVListener;
import org.jspecify.annotations.Nullable;

/**
 * What one client's namespaces share.
 *
 * @param transport sends every request, through the retry layer and the request budget
 * @param retries the retry layer, for the rounds of bulk calls
 * @param singleAttempt the retry layer with retries off, around the same request budget, for
 * {@link #withoutRetries()}
 * @param failures builds the exceptions for answers that are not the API's
 * @param cache the read cache of reads with {@code cacheTtl}
 * @param pacer paces writes per key, or {@code null} when pacing is off
 * @param flushTimeout how long {@code flush()} waits at most
 * @param listener told what the client did; never throws
 * @param namespacesPath the path of the account's namespaces below the base URL
 */
record RestContext(Transport transport, RetryingTransport retries, RetryingTransport singleAttempt, Failures failures,
		ReadCache cache, @Nullable WritePacer pacer, Duration flushTimeout, KVListener listener, String namespacesPath) {

	/** @return this context with every request sent once; everything else is shared */
	RestContext withoutRetries() {
		return new RestContext(this.singleAttempt, this.singleAttempt, this.singleAttempt, this.failures, this.cache,
				this.pacer, this.flushTimeout, this.listener, this.namespacesPath);
	}

}
