package io.github.workerskv.kv.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who a flag is evaluated for: a targeting key (the user's id, which selects the document
 * {@code flags:user:<id>} and feeds {@code fractional} rollouts) and attributes that rules read with
 * {@code var}.
 *
 * <p>Immutable; {@link #with(String, Object)} returns a copy. Attribute values are {@code null}, booleans,
 * numbers, strings, {@link java.time.Instant}s (read by rules as epoch seconds, like {@code $flagd.timestamp}),
 * Jackson {@code JsonNode}s, and lists and maps of those.
 */
public final class FlagContext {

	private static final FlagContext EMPTY = new FlagContext(null, Map.of());

	private final @Nullable String targetingKey;

	private final Map<String, @Nullable Object> attributes;

	private FlagContext(@Nullable String targetingKey, Map<String, @Nullable Object> attributes) {
		this.targetingKey = targetingKey;
		this.attributes = attributes;
	}

	/** @return no targeting key and no attributes: the global document only */
	public static FlagContext empty() {
		return EMPTY;
	}

	/**
	 * @param targetingKey the user's id (empty means none)
	 * @return a context for that user
	 */
	public static FlagContext of(@Nullable String targetingKey) {
		return EMPTY.withTargetingKey(targetingKey);
	}

	/**
	 * @param targetingKey the user's id, or {@code null} (or empty) for none
	 * @return a copy with this targeting key
	 */
	public FlagContext withTargetingKey(@Nullable String targetingKey) {
		return new FlagContext((targetingKey == null || targetingKey.isEmpty()) ? null : targetingKey, this.attributes);
	}

	/**
	 * @param name the attribute's name ({@code targetingKey} and {@code $flagd} are set by the evaluation)
	 * @param value its value
	 * @return a copy with this attribute
	 * @throws IllegalArgumentException if the value is of a type rules cannot read
	 */
	public FlagContext with(String name, @Nullable Object value) {
		Objects.requireNonNull(name, "name must not be null");
		Object converted = TargetingData.ofAttribute(value);
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(this.attributes);
		copy.put(name, converted);
		return new FlagContext(this.targetingKey, Collections.unmodifiableMap(copy));
	}

	/** @return the targeting key, or {@code null} */
	public @Nullable String targetingKey() {
		return this.targetingKey;
	}

	/** @return the attributes as rules see them */
	public Map<String, @Nullable Object> attributes() {
		return this.attributes;
	}

	/** @return the data rules read: the attributes and {@code targetingKey} */
	Map<String, @Nullable Object> ruleData() {
		if (this.targetingKey == null) {
			return this.attributes;
		}
		Map<String, @Nullable Object> data = new LinkedHashMap<>(this.attributes);
		data.put(TargetingRule.TARGETING_KEY, this.targetingKey);
		return data;
	}

	@Override
	public String toString() {
		return "FlagContext[targetingKey=" + this.targetingKey + ", attributes=" + this.attributes.keySet() + "]";
	}

}
