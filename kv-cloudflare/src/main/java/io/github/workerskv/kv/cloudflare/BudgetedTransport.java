package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongSupplier;

import io.github.workerskv.kv.resilience.ResilienceListener;

/**
 * Sends each request only when the client's {@link RequestBudget} has room for it, and frees its place a
 * window after the answer (or the failure) arrived. Waits are reported to the listener with the binding
 * and operation of the call in progress ({@link CallContext}).
 */
final class BudgetedTransport implements Transport {

	private final Transport delegate;

	private final RequestBudget budget;

	private final ResilienceListener listener;

	private final LongSupplier nanoTime;

	BudgetedTransport(Transport delegate, RequestBudget budget, ResilienceListener listener, LongSupplier nanoTime) {
		this.delegate = delegate;
		this.budget = budget;
		this.listener = listener;
		this.nanoTime = nanoTime;
	}

	@Override
	public HttpResponse<InputStream> send(HttpRequest request) {
		Duration waited = this.budget.acquire(request.method() + " " + request.uri().getRawPath());
		if (!waited.isZero()) {
			CallContext context = CallContext.current();
			this.listener.onBudgetWait(context.binding(), context.operation(), waited);
		}
		try {
			return this.delegate.send(request);
		}
		finally {
			this.budget.release(this.nanoTime.getAsLong());
		}
	}

}
