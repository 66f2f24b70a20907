package io.github.workerskv.kv.spring.data;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * An entity's key ({@code <keyspace><separator><id>}) is not a valid KV key: empty id, longer than
 * {@value io.github.workerskv.kv.KVLimits#MAX_KEY_BYTES} UTF-8 bytes, or not valid Unicode. Nothing was
 * written or read. The message names the entity type, the id and the limit.
 */
public class InvalidEntityKeyException extends InvalidDataAccessApiUsageException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param message what is wrong and how to fix it
	 */
	public InvalidEntityKeyException(String message) {
		super(message);
	}

}
