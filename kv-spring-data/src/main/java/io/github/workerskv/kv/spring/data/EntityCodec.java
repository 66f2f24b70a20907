package io.github.workerskv.kv.spring.data;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.workerskv.kv.KVLimits;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The stored form of an entity: its value is the entity as plain JSON (no type information), and its
 * metadata, when it has indexed properties or a time to live, is
 * <pre>
 * {"idx":{"&lt;property&gt;":&lt;value as JSON&gt;, ...},"exp":&lt;logical expiry, epoch milliseconds&gt;}
 * </pre>
 * with {@code null} index values and absent parts left out.
 */
final class EntityCodec {

	static final String INDEXES = "idx";

	static final String EXPIRES_AT = "exp";

	private final ObjectMapper mapper;

	EntityCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	byte[] value(Object entity) {
		try {
			return this.mapper.writeValueAsBytes(entity);
		}
		catch (JacksonException ex) {
			throw new InvalidDataAccessApiUsageException("Cannot write " + entity.getClass().getName() + " as JSON: "
					+ ex.getOriginalMessage(), ex);
		}
	}

	<T> T entity(String json, Class<T> type, String key) {
		try {
			T entity = this.mapper.readValue(json, type);
			if (entity == null) {
				throw new DataRetrievalFailureException("Key '" + key + "' holds JSON null, not a " + type.getName());
			}
			return entity;
		}
		catch (JacksonException ex) {
			throw new DataRetrievalFailureException("The value of key '" + key + "' is not a " + type.getName()
					+ " in JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * @param model the entity's model
	 * @param entity the entity
	 * @param id its id, for messages
	 * @param expiresAtMillis its logical expiry, or {@code null}
	 * @return the metadata, or {@code null} when there is nothing to keep
	 * @throws IndexMetadataTooLargeException if it exceeds KV's 1024 bytes
	 */
	@Nullable ObjectNode metadata(EntityModel model, Object entity, Object id, @Nullable Long expiresAtMillis) {
		if (model.indexed().isEmpty() && expiresAtMillis == null) {
			return null;
		}
		ObjectNode metadata = this.mapper.createObjectNode();
		if (!model.indexed().isEmpty()) {
			ObjectNode indexes = metadata.putObject(INDEXES);
			for (String property : model.indexed().keySet()) {
				Object value = model.value(entity, property);
				if (value != null) {
					indexes.set(property, this.mapper.valueToTree(value));
				}
			}
		}
		if (expiresAtMillis != null) {
			metadata.put(EXPIRES_AT, expiresAtMillis);
		}
		int length = utf8(metadata);
		if (length > KVLimits.MAX_METADATA_BYTES) {
			String largest = null;
			int largestLength = -1;
			JsonNode indexes = metadata.get(INDEXES);
			if (indexes != null) {
				for (Map.Entry<String, JsonNode> field : indexes.properties()) {
					int size = utf8(field.getValue());
					if (size > largestLength) {
						largest = field.getKey();
						largestLength = size;
					}
				}
			}
			throw new IndexMetadataTooLargeException("The indexed properties of " + model.type().getName() + " with id '"
					+ id + "' take " + length + " bytes of metadata; KV allows " + KVLimits.MAX_METADATA_BYTES
					+ ". The largest is @Indexed property '" + largest + "' (" + largestLength
					+ " bytes of JSON): index a shorter value or remove @Indexed from '" + largest + "'");
		}
		return metadata;
	}

	private int utf8(JsonNode node) {
		return this.mapper.writeValueAsString(node).getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * @param metadata listed or read metadata
	 * @return the logical expiry in epoch milliseconds, or {@code null} for none
	 */
	static @Nullable Long expiresAt(@Nullable JsonNode metadata) {
		if (metadata == null) {
			return null;
		}
		JsonNode expiresAt = metadata.get(EXPIRES_AT);
		return (expiresAt != null && expiresAt.isIntegralNumber()) ? expiresAt.longValue() : null;
	}

	/**
	 * @param metadata listed metadata
	 * @param property an indexed property
	 * @param type its type
	 * @param key the key, for messages
	 * @return the indexed value, or {@code null} if the entity's value was {@code null} (or never indexed)
	 */
	@Nullable Object indexed(@Nullable JsonNode metadata, String property, JavaType type, String key) {
		JsonNode indexes = (metadata != null) ? metadata.get(INDEXES) : null;
		JsonNode value = (indexes != null) ? indexes.get(property) : null;
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			return this.mapper.treeToValue(value, type);
		}
		catch (JacksonException ex) {
			throw new DataRetrievalFailureException("The indexed value of '" + property + "' in the metadata of key '"
					+ key + "' is not a " + type + ": " + ex.getOriginalMessage(), ex);
		}
	}

}
