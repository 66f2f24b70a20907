package io.github.workerskv.kv.flags;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns JSON and context attributes into the values rules see: {@code null}, {@link Boolean}, {@link Double}
 * (every JSON number, as in JavaScript), {@link String}, unmodifiable {@link List}s and {@link Map}s.
 */
final class TargetingData {

	private TargetingData() {
	}

	/** @return the JSON value as a rule value */
	static @Nullable Object of(JsonNode node) {
		if (node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isNumber()) {
			return node.doubleValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isArray()) {
			List<@Nullable Object> items = new ArrayList<>(node.size());
			for (JsonNode item : node) {
				items.add(of(item));
			}
			return Collections.unmodifiableList(items);
		}
		Map<String, @Nullable Object> members = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : node.properties()) {
			members.put(member.getKey(), of(member.getValue()));
		}
		return Collections.unmodifiableMap(members);
	}

	/**
	 * @param value a context attribute: {@code null}, a boolean, number, string, {@link Instant} (as epoch
	 * seconds, like {@code $flagd.timestamp}), {@link JsonNode}, list or map of those
	 * @return the attribute as a rule value
	 * @throws IllegalArgumentException for any other type
	 */
	static @Nullable Object ofAttribute(@Nullable Object value) {
		if (value == null || value instanceof Boolean || value instanceof String) {
			return value;
		}
		if (value instanceof Number number) {
			return number.doubleValue();
		}
		if (value instanceof Instant instant) {
			return (double) instant.getEpochSecond();
		}
		if (value instanceof JsonNode node) {
			return of(node);
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> items = new ArrayList<>(list.size());
			for (Object item : list) {
				items.add(ofAttribute(item));
			}
			return Collections.unmodifiableList(items);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> members = new LinkedHashMap<>();
			for (Map.Entry<?, ?> member : map.entrySet()) {
				if (!(member.getKey() instanceof String name)) {
					throw new IllegalArgumentException("A context attribute's map keys must be strings, not "
							+ member.getKey());
				}
				members.put(name, ofAttribute(member.getValue()));
			}
			return Collections.unmodifiableMap(members);
		}
		throw new IllegalArgumentException("A context attribute must be null, a boolean, number, string, Instant, "
				+ "JsonNode, list or map, not " + value.getClass().getName());
	}

}
