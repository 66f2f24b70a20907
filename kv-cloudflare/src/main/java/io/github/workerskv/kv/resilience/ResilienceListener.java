package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Told what the REST client's retries, write pacing and request budget did, to count it or turn it into
 * metrics ({@link ResilienceStatistics} counts it in memory; the Spring Boot starter binds it to
 * Micrometer). Every method does nothing by default.
 *
 * <p>{@code binding} is the namespace's name from {@code CloudflareKVConfig.namespaceNames()}, else its id,
 * and {@code account} for calls that are not about one namespace. {@code operation} is one of {@code get},
 * {@code get_bulk}, {@code get_with_metadata}, {@code put}, {@code delete}, {@code list}, {@code bulk_put},
 * {@code bulk_delete} and, for {@code account}, {@code namespaces}.
 *
 * <p>Methods are called on the thread that made the call (or the pacer's), while it runs: keep them
 * short and never block. An exception thrown by a listener is logged and otherwise ignored. Failures are
 * passed as they are; their messages never hold credentials.
 */
public interface ResilienceListener {

	/** @return a listener that ignores everything */
	static ResilienceListener none() {
		return NoResilienceListener.INSTANCE;
	}

	/**
	 * @param listeners listeners to call in order
	 * @return one listener that calls each of them and logs, rather than throws, what one of them throws
	 */
	static ResilienceListener composite(List<? extends ResilienceListener> listeners) {
		List<ResilienceListener> copy = List.copyOf(listeners);
		if (copy.isEmpty()) {
			return none();
		}
		return new CompositeResilienceListener(copy);
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
