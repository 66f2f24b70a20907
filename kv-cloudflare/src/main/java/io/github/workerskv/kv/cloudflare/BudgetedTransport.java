package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.workerskv.kv.KVListener;

/**
 * Sends each request only when the client's {@link RequestBudget} has room for it, and frees its place a
 * window after the answer (or the failure) arrived. Waits are reported to the listener with the binding
 * and operation of the request's {@link Call}.
 */
final class BudgetedTransport implements Transport {

	private final Transport delegate;

	private final RequestBudget budget;

	private final KVListener listener;

	private final LongSupplier nanoTime;

	BudgetedTransport(Transport delegate, RequestBudget budget, KVListener listener, LongSupplier nanoTime) {
		this.delegate = delegate;
		this.budget = budget;
		this.listener = listener;
		this.nanoTime = nanoTime;
	}

	@Override
	public ApiResponse send(ApiRequest request) {
		Duration waited = this.budget.acquire(request.target());
		if (!waited.isZero()) {
			this.listener.onBudgetWait(request.call().binding(), request.call().operation(), waited);
		}
		try {
			return this.delegate.send(request);
		}
		finally {
			this.budget.release(this.nanoTime.getAsLong());
		}
	}

}
