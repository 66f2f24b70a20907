package io.github.workerskv.kv.spring.data;

import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.KVLimits;

import org.springframework.core.convert.ConversionService;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The key layout: {@code <keyspace><separator><id>}, with the id converted to text by Spring's conversion
 * service (a {@code Long} 42 is {@code users:42}). Keys are checked against KV's limits before any I/O.
 */
final class EntityKeys {

	private final String separator;

	private final ConversionService conversion;

	EntityKeys(String separator, ConversionService conversion) {
		this.separator = separator;
		this.conversion = conversion;
	}

	/**
	 * @param keyspace a keyspace
	 * @return the prefix every key of the keyspace starts with
	 * @throws InvalidDataAccessApiUsageException if the keyspace is empty or holds the separator
	 */
	String prefix(String keyspace) {
		if (keyspace.isEmpty()) {
			throw new InvalidDataAccessApiUsageException("A keyspace must not be empty");
		}
		if (keyspace.contains(this.separator)) {
			throw new InvalidDataAccessApiUsageException("Keyspace '" + keyspace + "' contains the key separator '"
					+ this.separator + "', so its keys could not be told from another keyspace's; rename it with "
					+ "@KeySpace or choose another separator (KVRepositoryOptions.withKeySeparator)");
		}
		return keyspace + this.separator;
	}

	/**
	 * @param keyspace the keyspace
	 * @param id the id
	 * @param entityName the entity type, for messages
	 * @return the key
	 * @throws InvalidEntityKeyException if the key breaks KV's limits
	 */
	String key(String keyspace, Object id, String entityName) {
		String text = idText(id);
		if (text.isEmpty()) {
			throw new InvalidEntityKeyException("The id of " + entityName + " in keyspace '" + keyspace
					+ "' is empty; a KV key needs a non-empty id");
		}
		String key = prefix(keyspace) + text;
		int length;
		try {
			length = KVLimits.utf8Length(key, "Key");
		}
		catch (InvalidKeyException ex) {
			throw new InvalidEntityKeyException("The id '" + text + "' of " + entityName
					+ " cannot be a KV key: " + ex.getMessage());
		}
		if (length > KVLimits.MAX_KEY_BYTES) {
			throw new InvalidEntityKeyException("The key of " + entityName + " with id '" + abbreviate(text)
					+ "' is " + length + " UTF-8 bytes (keyspace '" + keyspace + "', separator '" + this.separator
					+ "', id " + (length - KVLimits.utf8Length(prefix(keyspace), "Key")) + " bytes); KV keys are at most "
					+ KVLimits.MAX_KEY_BYTES + " bytes: use a shorter id or keyspace");
		}
		return key;
	}

	String idText(Object id) {
		String text = this.conversion.convert(id, String.class);
		if (text == null) {
			throw new InvalidDataAccessApiUsageException("Id " + id + " converts to no text");
		}
		return text;
	}

	/**
	 * @param key a listed key of the keyspace
	 * @param prefix the keyspace's prefix
	 * @param idType the id property's type
	 * @return the id
	 * @throws DataRetrievalFailureException if the key's tail is no id of that type
	 */
	Object id(String key, String prefix, Class<?> idType) {
		String text = key.substring(prefix.length());
		try {
			Object id = this.conversion.convert(text, idType);
			if (id == null) {
				throw new IllegalArgumentException("no value");
			}
			return id;
		}
		catch (RuntimeException ex) {
			throw new DataRetrievalFailureException("Key '" + key + "' is under the prefix '" + prefix
					+ "' but '" + text + "' is no " + idType.getSimpleName()
					+ " id; keep other data out of a repository's keyspace", ex);
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "…";
	}

}
