package io.github.workerskv.kv;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * The store failed: an I/O or database error of the embedded store, or a stream that broke while a
 * value was read or written. A write that fails with this exception was not applied.
 */
public class KVStorageException extends KVException {

	@Serial
	private static final long serialVersionUID = 1L;

	public KVStorageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
