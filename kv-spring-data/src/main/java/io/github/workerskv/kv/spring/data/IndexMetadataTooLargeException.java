package io.github.workerskv.kv.spring.data;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The indexed properties of an entity (and its logical expiry) do not fit in KV's
 * {@value io.github.workerskv.kv.KVLimits#MAX_METADATA_BYTES} bytes of metadata. Nothing was written. The
 * message names the entity, its id and the property that takes the most room.
 */
public class IndexMetadataTooLargeException extends InvalidDataAccessApiUsageException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param message the sizes and the property to shorten or stop indexing
	 */
	public IndexMetadataTooLargeException(String message) {
		super(message);
	}

}
