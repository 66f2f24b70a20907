package io.github.workerskv.kv;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of a bulk put or bulk delete. Immutable; start from {@link #defaults()} and change it with the
 * {@code with…} methods.
 */
public final class BulkOptions {

	private static final BulkOptions DEFAULTS = new BulkOptions(BulkProgress.NONE);

	private final BulkProgress progress;

	private BulkOptions(BulkProgress progress) {
		this.progress = progress;
	}

	/** @return options that report no progress */
	public static BulkOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param progress told how many items were sent after each request or transaction
	 * @return a copy with this progress callback
	 */
	public BulkOptions withProgress(BulkProgress progress) {
		return new BulkOptions(Objects.requireNonNull(progress, "progress must not be null"));
	}

	/** @return the progress callback ({@link BulkProgress#NONE} by default) */
	public BulkProgress progress() {
		return this.progress;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof BulkOptions that && this.progress.equals(that.progress);
	}

	@Override
	public int hashCode() {
		return this.progress.hashCode();
	}

	@Override
	public String toString() {
		return "BulkOptions[progress=" + ((this.progress == BulkProgress.NONE) ? "none" : "set") + "]";
	}

}
