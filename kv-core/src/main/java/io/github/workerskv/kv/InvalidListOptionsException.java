package io.github.workerskv.kv;

import java.io.Serial;

/**
 * A list {@code limit} outside 1..1000, a prefix longer than 512 UTF-8 bytes, or a cursor
 * that no list call returned.
 */
public class InvalidListOptionsException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidListOptionsException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
