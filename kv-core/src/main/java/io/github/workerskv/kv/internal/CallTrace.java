package io.github.workerskv.kv.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the layers below one {@code KVNamespace} call report back to it while it runs: how many requests
 * were sent again after a failed attempt. One per call, carried by its request value; thread-safe, since an
 * asynchronous call or a paced write may finish on another thread.
 */
public final class CallTrace {

	private final AtomicInteger retries = new AtomicInteger();

	/** Counts one request sent again. */
	public void retried() {
		this.retries.incrementAndGet();
	}

	/** @return how many requests were sent again so far */
	public int retries() {
		return this.retries.get();
	}

}
