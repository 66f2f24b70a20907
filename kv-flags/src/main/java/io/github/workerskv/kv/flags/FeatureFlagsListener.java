package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Told what the flag service and the admin do, for meters, logs and the OpenFeature provider's events. Every
 * method has an empty default; implementations must be fast and must not throw (what they throw is logged and
 * ignored).
 */
public interface FeatureFlagsListener {

	/**
	 * A flag was evaluated.
	 * @param flag the flag's name
	 * @param evaluation the outcome
	 */
	default void evaluated(String flag, FlagEvaluation<?> evaluation) {
	}

	/**
	 * The global document was read.
	 * @param version its metadata {@code version}, or {@code null}
	 * @param changed whether it differs from the previous document
	 */
	default void refreshed(@Nullable Long version, boolean changed) {
	}

	/**
	 * A read of a flag document failed; the last good document is still served.
	 * @param key the KV key
	 * @param error what failed
	 */
	default void readFailed(String key, Throwable error) {
	}

	/**
	 * Reads started failing.
	 * @param since when
	 */
	default void stale(Instant since) {
	}

	/**
	 * A read succeeded again after failures, or for the first time after a cold start with KV down.
	 * @param staleSince when the failures started, or {@code null} after a cold start
	 */
	default void recovered(@Nullable Instant staleSince) {
	}

	/**
	 * The admin wrote a document.
	 * @param key the KV key
	 * @param metadata what was stamped on it
	 */
	default void written(String key, DocumentMetadata metadata) {
	}

	/**
	 * @param flags a flag service in this JVM
	 * @return a listener that, given to an admin, makes {@code flags} answer from what the admin wrote at once
	 * ({@link FeatureFlags#documentWritten(String)})
	 */
	static FeatureFlagsListener refreshing(FeatureFlags flags) {
		return new FeatureFlagsListener() {
			@Override
			public void written(String key, DocumentMetadata metadata) {
				flags.documentWritten(key);
			}
		};
	}

	/**
	 * @param listeners listeners to tell in order
	 * @return one listener that tells each of them; what one throws is logged and the others are still told
	 */
	static FeatureFlagsListener composite(List<? extends FeatureFlagsListener> listeners) {
		List<FeatureFlagsListener> copy = List.copyOf(listeners);
		return (copy.size() == 1) ? copy.get(0) : new CompositeFeatureFlagsListener(copy);
	}

	/** @return a listener that does nothing */
	static FeatureFlagsListener none() {
		return new FeatureFlagsListener() {
		};
	}

}
