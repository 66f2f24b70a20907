package io.github.workerskv.kv;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * A stored value (or metadata) could not be decoded as the requested type, for example a JSON read
 * of a value that is not JSON. The stored value is unchanged.
 */
public class ValueDecodingException extends KVException {

	@Serial
	private static final long serialVersionUID = 1L;

	public ValueDecodingException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
