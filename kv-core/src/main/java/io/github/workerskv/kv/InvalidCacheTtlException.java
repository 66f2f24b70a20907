package io.github.workerskv.kv;

import java.io.Serial;

/**
 * A {@code cacheTtl} below {@link KVLimits#MIN_CACHE_TTL_SECONDS} seconds.
 */
public class InvalidCacheTtlException extends KVValidationException {

	@Serial
	private static final long serialVersionUID = 1L;

	public InvalidCacheTtlException(int httpStatus, String message) {
		super(httpStatus, message);
	}

}
