package io.github.workerskv.kv;

import java.io.Serial;

/**
 * A key name is empty, is {@code .} or {@code ..}, is longer than 512 UTF-8 bytes, or is not
 * valid Unicode (an unpaired surrogate).
 */
public class InvalidKeyException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidKeyException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
