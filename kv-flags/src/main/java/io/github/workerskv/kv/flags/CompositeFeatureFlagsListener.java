package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FeatureFlagsListener#composite}: tells every listener, logging rather than passing on what one throws. */
final class CompositeFeatureFlagsListener implements FeatureFlagsListener {

	private static final Logger logger = LoggerFactory.getLogger(CompositeFeatureFlagsListener.class);

	private final List<FeatureFlagsListener> listeners;

	CompositeFeatureFlagsListener(List<FeatureFlagsListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void evaluated(String flag, FlagEvaluation<?> evaluation) {
		each((listener) -> listener.evaluated(flag, evaluation));
	}

	@Override
	public void refreshed(@Nullable Long version, boolean changed) {
		each((listener) -> listener.refreshed(version, changed));
	}

	@Override
	public void readFailed(String key, Throwable error) {
		each((listener) -> listener.readFailed(key, error));
	}

	@Override
	public void stale(Instant since) {
		each((listener) -> listener.stale(since));
	}

	@Override
	public void recovered(@Nullable Instant staleSince) {
		each((listener) -> listener.recovered(staleSince));
	}

	@Override
	public void written(String key, DocumentMetadata metadata) {
		each((listener) -> listener.written(key, metadata));
	}

	private void each(Consumer<FeatureFlagsListener> event) {
		for (FeatureFlagsListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("A flag listener failed", ex);
			}
		}
	}

}
