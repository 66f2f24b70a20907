package io.github.workerskv.kv.resilience;

import java.time.Duration;
import java.util.Objects;

import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;

/**
 * Per-key write pacing of the REST client: KV accepts at most one write per second to the same key and
 * answers 429 to the next, so the client holds writes back instead of sending them into that 429. Off by
 * default; immutable, change it with the {@code with…} methods.
 *
 * <p>When on, a {@code put} or {@code delete} of a key is sent at once (in the calling thread) if the key's
 * window is open: nothing of that key in flight and its last write at least {@code interval} ago. Otherwise
 * it becomes the key's <em>pending</em> write and is sent when the window opens; a later write to the same
 * key replaces it (last write wins, counted as a coalesced write) and the writes it replaced are settled by
 * it. So:
 * <ul>
 * <li>{@code put} and {@code delete} return once the write is sent, when the window was open, or once it is
 * <em>accepted</em> as the key's pending write; a pending write's failure cannot reach that caller. It is
 * reported instead to the {@link io.github.workerskv.kv.KVListener}, logged at WARN, and thrown by the next {@code flush()};
 * never dropped silently.</li>
 * <li>{@code putAsync} and {@code deleteAsync} complete when the write (or the later write that replaced
 * it) has actually been sent, or fail with what stopped it.</li>
 * <li>{@code flush()} (on the client or a namespace) sends what is pending as soon as each key's window
 * opens and waits for it; closing the client flushes too, for at most {@code shutdownTimeout}, and fails
 * whatever is still pending then.</li>
 * <li>Reads of a key through the same client see its pending write (a pending delete reads as missing);
 * {@code list} does not. A bulk write or delete of a key replaces its pending write.</li>
 * </ul>
 * Limits checks happen when {@code put} is called, as without pacing; an absolute expiration is checked
 * again by the server when the write is sent, up to {@code interval} later.
 *
 * <dl>
 * <dt>enabled</dt><dd>{@code false}</dd>
 * <dt>interval</dt><dd>1 s: KV's limit. The next write of a key is sent no sooner than this after the
 * previous one completed</dd>
 * <dt>shutdownTimeout</dt><dd>10 s: how long closing the client waits for pending writes</dd>
 * </dl>
 *
 *
 * <p>A value outside the range of its {@code with…} method is refused with an
 * {@link InvalidOptionException} naming the option.
 */
public final class WritePacingOptions {

	private static final WritePacingOptions DISABLED = new WritePacingOptions(false, Duration.ofSeconds(1),
			Duration.ofSeconds(10));

	private final boolean enabled;

	private final Duration interval;

	private final Duration shutdownTimeout;

	private WritePacingOptions(boolean enabled, Duration interval, Duration shutdownTimeout) {
		this.enabled = enabled;
		this.interval = interval;
		this.shutdownTimeout = shutdownTimeout;
	}

	/** @return pacing switched off, with a 1 s interval and a 10 s shutdown timeout once switched on */
	public static WritePacingOptions disabled() {
		return DISABLED;
	}

	/** @return pacing switched on: one write per second per key, 10 s to flush on close */
	public static WritePacingOptions enabledByDefault() {
		return disabled().withEnabled(true);
	}

	/**
	 * @param enabled whether writes are paced
	 * @return a copy with this switch
	 */
	public WritePacingOptions withEnabled(boolean enabled) {
		return new WritePacingOptions(enabled, this.interval, this.shutdownTimeout);
	}

	/**
	 * @param interval the least time between the end of one write of a key and the start of the next, positive
	 * @return a copy with this interval
	 */
	public WritePacingOptions withInterval(Duration interval) {
		Objects.requireNonNull(interval, "interval must not be null");
		if (interval.isZero() || interval.isNegative()) {
			throw new InvalidOptionException("interval", interval, "interval must be positive, was " + interval);
		}
		return new WritePacingOptions(this.enabled, interval, this.shutdownTimeout);
	}

	/**
	 * @param shutdownTimeout how long closing the client waits for pending writes, not negative
	 * @return a copy with this timeout
	 */
	public WritePacingOptions withShutdownTimeout(Duration shutdownTimeout) {
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout must not be null");
		if (shutdownTimeout.isNegative()) {
			throw new InvalidOptionException("shutdownTimeout", shutdownTimeout,
					"shutdownTimeout must not be negative, was " + shutdownTimeout);
		}
		return new WritePacingOptions(this.enabled, this.interval, shutdownTimeout);
	}

	/** @return whether writes are paced */
	public boolean enabled() {
		return this.enabled;
	}

	/** @return the least time between the end of one write of a key and the start of the next */
	public Duration interval() {
		return this.interval;
	}

	/** @return how long closing the client waits for pending writes */
	public Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof WritePacingOptions that && this.enabled == that.enabled
				&& this.interval.equals(that.interval) && this.shutdownTimeout.equals(that.shutdownTimeout);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.enabled, this.interval, this.shutdownTimeout);
	}

	@Override
	public String toString() {
		return "WritePacingOptions[enabled=" + this.enabled + ", interval=" + this.interval + ", shutdownTimeout="
				+ this.shutdownTimeout + "]";
	}

}
