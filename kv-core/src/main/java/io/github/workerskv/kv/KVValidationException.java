package io.github.workerskv.kv;

import java.io.Serial;

/**
 * An input broke one of KV's limits; nothing was read or written.
 *
 * <p>The message names the limit and the offending value, in the words Cloudflare's runtime uses
 * (for example {@code UTF-8 encoded length of 513 exceeds key length limit of 512.}).
 * {@link #httpStatus()} is the status the KV service answers for the same input (400, 413 or 414),
 * which the emulator uses to answer exactly as the real service does.
 */
public class KVValidationException extends KVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	public KVValidationException(int httpStatus, String message) {
		super(message);
		this.httpStatus = httpStatus;
	}

	/**
	 * The HTTP status the KV service answers for this input.
	 * @return 400, 413 or 414
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

}
