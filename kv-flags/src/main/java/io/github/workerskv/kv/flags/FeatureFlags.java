package io.github.workerskv.kv.flags;

import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import tools.jackson.databind.JsonNode;

/**
 * Feature flags read from the documents Workers read: {@code flags:global} and {@code flags:user:<id>}.
 *
 * <p>No evaluation waits on KV. The global document is held in memory and read again in the background every
 * refresh interval, with one read; a user's document is read on the user's first evaluation (concurrent first
 * evaluations share one read, bounded by the user load timeout) and then served from a bounded cache, read again
 * in the background when older than the refresh interval. When a read fails the last good document keeps
 * answering (reason {@link FlagReason#STALE}), the failure is logged once, counted and shown in
 * {@link #state()}; the next good read clears it. At a cold start with KV down every evaluation answers its
 * default with reason {@link FlagReason#ERROR}.
 *
 * <p>A flag whose value is a flagd definition is evaluated exactly as {@code @openfeature/flagd-core} evaluates it
 * in a Worker; a plain value is the answer as it is. Evaluations never throw. Thread-safe; close it to stop the
 * background refresh.
 */
public interface FeatureFlags extends AutoCloseable {

	/**
	 * Reads the global document once, then keeps it fresh in the background.
	 * @param namespace where the documents are
	 * @param options keys, mode, refresh, cache, defaults, clock
	 * @return the service (also when the first read failed: see {@link #state()})
	 */
	static FeatureFlags create(KVNamespace namespace, FeatureFlagsOptions options) {
		return new DefaultFeatureFlags(namespace, options);
	}

	/**
	 * @param flag the flag's name
	 * @param context who for
	 * @return the flag's boolean value, {@code false} if it has none
	 */
	boolean isEnabled(String flag, FlagContext context);

	/**
	 * @param flag the flag's name
	 * @return the flag's boolean value in the global document, {@code false} if it has none
	 */
	default boolean isEnabled(String flag) {
		return isEnabled(flag, FlagContext.empty());
	}

	FlagEvaluation<Boolean> getBooleanDetails(String flag, boolean defaultValue, FlagContext context);

	FlagEvaluation<String> getStringDetails(String flag, String defaultValue, FlagContext context);

	/** Integral numbers only; {@code 2.5} is a {@link FlagErrorCode#TYPE_MISMATCH}. */
	FlagEvaluation<Integer> getIntegerDetails(String flag, int defaultValue, FlagContext context);

	FlagEvaluation<Double> getDoubleDetails(String flag, double defaultValue, FlagContext context);

	/** Objects and arrays (and {@code null}), as flagd-core's {@code object} type. */
	FlagEvaluation<JsonNode> getObjectDetails(String flag, JsonNode defaultValue, FlagContext context);

	default boolean getBoolean(String flag, boolean defaultValue, FlagContext context) {
		return getBooleanDetails(flag, defaultValue, context).value();
	}

	default String getString(String flag, String defaultValue, FlagContext context) {
		return getStringDetails(flag, defaultValue, context).value();
	}

	default int getInteger(String flag, int defaultValue, FlagContext context) {
		return getIntegerDetails(flag, defaultValue, context).value();
	}

	default double getDouble(String flag, double defaultValue, FlagContext context) {
		return getDoubleDetails(flag, defaultValue, context).value();
	}

	default JsonNode getObject(String flag, JsonNode defaultValue, FlagContext context) {
		return getObjectDetails(flag, defaultValue, context).value();
	}

	/**
	 * An object flag bound to a Java type with the options' JSON mapper.
	 * @param flag the flag's name
	 * @param type what to bind to
	 * @param defaultValue the answer when the flag has no value or does not bind
	 * @param context who for
	 * @param <T> the type
	 * @return the value
	 */
	<T> T getObject(String flag, Class<T> type, T defaultValue, FlagContext context);

	/**
	 * Every flag a record declares, for one user: each component reads the flag of its name (or its
	 * {@link Flag} annotation) with the component's type ({@code boolean}, {@code int}, {@code long},
	 * {@code double}, {@code String}, {@code JsonNode} or any type the JSON mapper binds). A flag without a value
	 * takes the options' default for it, else {@code false}, 0 or {@code null}.
	 * @param userId the user (the targeting key), or {@code null} for the global document
	 * @param type the record
	 * @param <R> the record type
	 * @return the record
	 */
	<R extends Record> R getFlags(@org.jspecify.annotations.Nullable String userId, Class<R> type);

	/**
	 * Like {@link #getFlags(String, Class)}, with a context and the defaults taken from a record instance.
	 * @param context who for
	 * @param defaults the values of flags without one
	 * @param <R> the record type
	 * @return the record
	 */
	<R extends Record> R getFlags(FlagContext context, R defaults);

	/**
	 * Every flag of the document that answers this context (the user's, the global one or the defaults, as
	 * {@link DocumentMode} says), in document order, each evaluated as any JSON value: a plain value as it is,
	 * a definition's chosen variant, JSON {@code null} where the caller's default would apply (a disabled
	 * definition, say). What a Worker answers for {@code GET /flags?user=...}.
	 * @param context who for
	 * @return the evaluations by flag name
	 */
	Map<String, FlagEvaluation<JsonNode>> evaluateAll(FlagContext context);

	/** Reads the global document now (the background refresh does this every interval). Never throws. */
	void refresh();

	/**
	 * Forgets a user's document, so that their next evaluation reads it again.
	 * @param userId the user
	 */
	void invalidateUser(String userId);

	/**
	 * Tells the service that a document changed, so that it answers from the new one at once rather than after
	 * the refresh interval: the global document is read again now, a user's document at their next evaluation.
	 * The auto-configured admin calls it after each write; so should an admin of your own in the same JVM (see
	 * {@link FeatureFlagsListener#refreshing(FeatureFlags)}).
	 * @param key the KV key that was written
	 */
	void documentWritten(String key);

	/** @return how fresh the documents are */
	FlagsState state();

	/**
	 * @param listener told of evaluations, refreshes and failures from now on
	 * @return closing it removes the listener
	 */
	AutoCloseable addListener(FeatureFlagsListener listener);

	/** Stops the background refresh (and the service's own thread, if it has one). */
	@Override
	void close();

}
