package io.github.workerskv.kv;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Told what every {@link KVNamespace} call did, to count it, log it or turn it into metrics: the one
 * observation point of this library, for every backend (the Spring Boot starter's meters subscribe here).
 * Give it to the store or client that makes the namespaces ({@code LocalKVStoreOptions.withListener},
 * {@code CloudflareKVConfig.withListener}). Every method does nothing by default.
 *
 * <p>{@link #onOperation} is called once per call, when it ends. The other methods tell what the REST
 * client's retries, write pacing and request budget did while calls ran; the embedded store never calls
 * them. Their {@code binding} is the namespace's {@link KVNamespace#name() name}, and {@code account} for
 * calls that are not about one namespace; {@code operation} is a {@link KVOperation#tagValue()} and, for
 * {@code account}, {@code namespaces}.
 *
 * <p>Methods are called on the thread that made the call (or the pacer's, or, for an asynchronous call,
 * the thread that completed it): keep them short and never block. An exception thrown by a listener is
 * logged and otherwise ignored. Failures are passed as they are; their messages never hold credentials.
 */
public interface KVListener {

	/** @return a listener that ignores everything */
	static KVListener none() {
		return NoKVListener.INSTANCE;
	}

	/**
	 * @param listeners listeners to call in order
	 * @return one listener that calls each of them and logs, rather than throws, what one of them throws
	 */
	static KVListener composite(List<? extends KVListener> listeners) {
		List<KVListener> copy = List.copyOf(listeners);
		if (copy.isEmpty()) {
			return none();
		}
		return new CompositeKVListener(copy);
	}

	/**
	 * A call ended: it returned, threw, or (for an asynchronous call) its future completed.
	 * @param event what the call was and how it ended
	 */
	default void onOperation(KVOperationEvent event) {
	}

	/**
	 * The server answered 429 (a per-key write limit, or the account's request limit). Called for every
	 * such answer, whether the call is retried or not.
	 * @param binding the namespace's name
	 * @param operation the call
	 * @param retryAfter the wait the server asked for, or {@code null} if it did not say
	 */
	default void onRateLimited(String binding, String operation, @Nullable Duration retryAfter) {
	}

	/**
	 * An attempt failed and the call will be tried again after {@code wait}.
	 * @param binding the namespace's name
	 * @param operation the call
	 * @param attempt the attempt that failed, from 1
	 * @param failure why it failed
	 * @param wait how long the client waits before the next attempt
	 */
	default void onRetry(String binding, String operation, int attempt, Throwable failure, Duration wait) {
	}

	/**
	 * A call that could be retried failed for good: it used all its attempts, or its deadline would have
	 * passed before the next one.
	 * @param binding the namespace's name
	 * @param operation the call
	 * @param attempts how many attempts were made
	 * @param lastFailure the last attempt's failure
	 */
	default void onGiveUp(String binding, String operation, int attempts, Throwable lastFailure) {
	}

	/**
	 * A bulk write or delete sends again the keys the server listed in {@code unsuccessful_keys}.
	 * @param binding the namespace's name
	 * @param operation {@code bulk_put} or {@code bulk_delete}
	 * @param keys how many keys are sent again
	 */
	default void onBulkKeysResent(String binding, String operation, int keys) {
	}

	/**
	 * A paced write replaced the key's pending write, which will never be sent itself.
	 * @param binding the namespace's name
	 * @param operation the replacing write: {@code put} or {@code delete}
	 */
	default void onWriteCoalesced(String binding, String operation) {
	}

	/**
	 * A request waited for room in the account's request budget.
	 * @param binding the namespace's name
	 * @param operation the call
	 * @param waited how long it waited
	 */
	default void onBudgetWait(String binding, String operation, Duration waited) {
	}

	/**
	 * A paced write that had been accepted could not be sent: its send failed for good, or the client
	 * closed before its window opened. Its caller may already have returned.
	 * @param binding the namespace's name
	 * @param operation {@code put} or {@code delete}
	 * @param key the key
	 * @param failure why
	 */
	default void onWriteFailed(String binding, String operation, String key, Throwable failure) {
	}

}
