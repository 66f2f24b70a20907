package io.github.workerskv.kv;

import java.io.Serial;

/**
 * A bulk get with no keys, more than 100 keys, a type other than text or JSON, a JSON read of
 * a value that is not JSON, or values whose total size exceeds 25 MiB.
 */
public class InvalidBulkGetException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidBulkGetException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
