package io.github.workerskv.kv;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener of {@link KVListener#composite(List)}: calls each listener in order; one that
 * throws is logged at WARN and does not stop the others.
 */
final class CompositeKVListener implements KVListener {

	private static final Logger logger = LoggerFactory.getLogger(KVListener.class);

	private final List<KVListener> listeners;

	CompositeKVListener(List<KVListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void onOperation(KVOperationEvent event) {
		each((listener) -> listener.onOperation(event));
	}

	@Override
	public void onRateLimited(String binding, String operation, @Nullable Duration retryAfter) {
		each((listener) -> listener.onRateLimited(binding, operation, retryAfter));
	}

	@Override
	public void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
		each((listener) -> listener.onRetry(binding, operation, attempt, failure, wait));
	}

	@Override
	public void onGiveUp(String binding, String operation, int attempts, Throwable lastFailure) {
		each((listener) -> listener.onGiveUp(binding, operation, attempts, lastFailure));
	}

	@Override
	public void onBulkKeysResent(String binding, String operation, int keys) {
		each((listener) -> listener.onBulkKeysResent(binding, operation, keys));
	}

	@Override
	public void onWriteCoalesced(String binding, String operation) {
		each((listener) -> listener.onWriteCoalesced(binding, operation));
	}

	@Override
	public void onBudgetWait(String binding, String operation, Duration waited) {
		each((listener) -> listener.onBudgetWait(binding, operation, waited));
	}

	@Override
	public void onWriteFailed(String binding, String operation, String key, Throwable failure) {
		each((listener) -> listener.onWriteFailed(binding, operation, key, failure));
	}

	private void each(Consumer<KVListener> event) {
		for (KVListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("KVListener {} failed: {}", listener.getClass().getName(), ex.toString());
			}
		}
	}

	@Override
	public String toString() {
		return "KVListener.composite(" + this.listeners + ")";
	}

}
