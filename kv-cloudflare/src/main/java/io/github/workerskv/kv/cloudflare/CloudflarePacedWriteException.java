package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes that write pacing ({@link io.github.workerskv.kv.resilience.WritePacingOptions}) had accepted
 * could not be sent: their send failed for good, or the client closed (or {@code flush()} gave up)
 * before their key's window opened. Thrown by {@link CloudflareKVClient#flush()},
 * {@link CloudflareKVNamespace#flush()} and {@link CloudflareKVClient#close()}, once per failed write;
 * every such write was also reported to the {@link io.github.workerskv.kv.KVListener} ({@code onWriteFailed})
 * and logged when it failed.
 *
 * <p>{@link #keys()} lists the keys (as {@code <namespace id>/<key>}) whose last accepted write was not
 * applied, and {@link #failures()} why, in the same order; the cause is the first failure.
 */
public class CloudflarePacedWriteException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final List<String> keys;

	private final transient List<RuntimeException> failures;

	CloudflarePacedWriteException(String message, List<String> keys, List<RuntimeException> failures) {
		super(message, status(failures), List.of(), null, failures.isEmpty() ? null : failures.get(0));
		this.keys = List.copyOf(keys);
		this.failures = List.copyOf(failures);
	}

	/** @return the namespace id and key ({@code <id>/<key>}) of each write that was not applied */
	public List<String> keys() {
		return this.keys;
	}

	/** @return why each write was not applied, in the order of {@link #keys()} */
	public List<RuntimeException> failures() {
		return this.failures;
	}

	private static int status(List<RuntimeException> failures) {
		@Nullable RuntimeException first = failures.isEmpty() ? null : failures.get(0);
		return (first instanceof CloudflareKVException cloudflare) ? cloudflare.httpStatus() : 0;
	}

}
