package io.github.workerskv.kv.autoconfigure;

import java.time.Duration;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVOperationEvent;
import org.jspecify.annotations.Nullable;

/**
 * The listener of a store or client built before the application context exists: ignores every call until
 * the context hands it its {@link KVListener} beans, then passes every call on to them.
 */
final class HandOverKVListener implements KVListener {

	private volatile KVListener delegate = KVListener.none();

	/** @param listener the listener to tell of every later call */
	void handTo(KVListener listener) {
		this.delegate = listener;
	}

	@Override
	public void onOperation(KVOperationEvent event) {
		this.delegate.onOperation(event);
	}

	@Override
	public void onRateLimited(String binding, String operation, @Nullable Duration retryAfter) {
		this.delegate.onRateLimited(binding, operation, retryAfter);
	}

	@Override
	public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
		this.delegate.onRetry(binding, operation, attempt, failure, wait);
	}

	@Override
	public void onGiveUp(String binding, String operation, int attempts, Throwable lastFailure) {
		this.delegate.onGiveUp(binding, operation, attempts, lastFailure);
	}

	@Override
	public void onBulkKeysResent(String binding, String operation, int keys) {
		this.delegate.onBulkKeysResent(binding, operation, keys);
	}

	@Override
	public void onWriteCoalesced(String binding, String operation) {
		this.delegate.onWriteCoalesced(binding, operation);
	}

	@Override
	public void onBudgetWait(String binding, String operation, Duration waited) {
		this.delegate.onBudgetWait(binding, operation, waited);
	}

	@Override
	public void onWriteFailed(String binding, String operation, String key, Throwable failure) {
		this.delegate.onWriteFailed(binding, operation, key, failure);
	}

}
