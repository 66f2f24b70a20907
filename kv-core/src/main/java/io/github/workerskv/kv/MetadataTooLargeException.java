package io.github.workerskv.kv;

import java.io.Serial;

/**
 * Metadata serialised to JSON is longer than {@link KVLimits#MAX_METADATA_BYTES} UTF-8 bytes.
 */
public class MetadataTooLargeException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public MetadataTooLargeException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
