package io.github.workerskv.kv;

import java.io.Serial;

/**
 * An {@code expiration} or {@code expirationTtl} that KV refuses: in the past, less than 60
 * seconds ahead, not positive, or outside the 32-bit range KV accepts (usually milliseconds given
 * where seconds are expected).
 */
public class InvalidExpirationException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidExpirationException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
