package io.github.workerskv.kv;

import java.io.Serial;

/**
 * A value is longer than {@link KVLimits#MAX_VALUE_BYTES} (25 MiB); nothing was stored.
 */
public class ValueTooLargeException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public ValueTooLargeException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
