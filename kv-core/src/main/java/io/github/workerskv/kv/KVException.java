package io.github.workerskv.kv;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Root of every error this library throws for a KV operation.
 *
 * <p>Subclasses say what went wrong: {@link KVValidationException} for an input that breaks one of
 * KV's limits (raised before any I/O), {@link ValueDecodingException} for a stored value that cannot
 * be read as the requested type, and {@link KVStorageException} for a failure of the store itself.
 * Messages never contain credentials.
 */
public class KVException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	public KVException(String message) {
		super(message);
	}

	public KVException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * @return whether KV refused the call because of its rate limits (HTTP 429: one write per second per key,
	 * or the account's request limit), so that waiting and trying again later can succeed; false here
	 */
	public boolean isRateLimited() {
		return false;
	}

}
