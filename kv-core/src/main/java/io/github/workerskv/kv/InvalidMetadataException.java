package io.github.workerskv.kv;

import java.io.Serial;

/**
 * Metadata that cannot be serialised to JSON.
 */
public class InvalidMetadataException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidMetadataException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
