package io.github.workerskv.kv.spring.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.data.repository.query.parser.Part;

/**
 * One test of one property, as a derived query's part ({@code findByAgeGreaterThan}) or a Query by Example
 * field states it: the property path, the {@link Part.Type}, its arguments and whether strings compare
 * ignoring case.
 *
 * <p>A condition on a top-level {@link Indexed} property, or on the id, is evaluated on what {@code list}
 * returns (the key and its metadata); any other is evaluated on the entity read from its value.
 * Comparisons never match a {@code null} property value; {@code BETWEEN} includes both bounds;
 * {@code LIKE} takes SQL wildcards ({@code %} any run, {@code _} one character); {@code REGEX} matches
 * anywhere in the value.
 */
public final class KVCondition {

	private final String property;

	private final Part.Type type;

	private final List<@Nullable Object> arguments;

	private final boolean ignoreCase;

	private KVCondition(String property, Part.Type type, List<@Nullable Object> arguments, boolean ignoreCase) {
		this.property = property;
		this.type = type;
		this.arguments = arguments;
		this.ignoreCase = ignoreCase;
	}

	/**
	 * @param property a property path, {@code age} or {@code address.city}
	 * @param type the test
	 * @param arguments as many as the type takes ({@link Part.Type#getNumberOfArguments()})
	 * @param ignoreCase whether strings compare ignoring case
	 * @return the condition
	 * @throws IllegalArgumentException if the number of arguments is wrong or the type is a geospatial one
	 */
	public static KVCondition of(String property, Part.Type type, List<?> arguments, boolean ignoreCase) {
		Objects.requireNonNull(property, "property must not be null");
		Objects.requireNonNull(type, "type must not be null");
		if (type == Part.Type.NEAR || type == Part.Type.WITHIN) {
			throw new IllegalArgumentException("KV repositories have no geospatial queries (" + type + " on '"
					+ property + "'): store a geohash in an @Indexed property and query by prefix instead");
		}
		if (arguments.size() != type.getNumberOfArguments()) {
			throw new IllegalArgumentException(type + " on '" + property + "' takes " + type.getNumberOfArguments()
					+ " argument(s), not " + arguments.size());
		}
		return new KVCondition(property, type, Collections.unmodifiableList(new ArrayList<>(arguments)), ignoreCase);
	}

	/** @return the property path */
	public String property() {
		return this.property;
	}

	/** @return whether the path names a top-level property */
	public boolean isTopLevel() {
		return this.property.indexOf('.') < 0;
	}

	/** @return the test */
	public Part.Type type() {
		return this.type;
	}

	/** @return the arguments */
	public List<@Nullable Object> arguments() {
		return this.arguments;
	}

	/** @return whether strings compare ignoring case */
	public boolean ignoreCase() {
		return this.ignoreCase;
	}

	@Override
	public String toString() {
		return this.property + " " + this.type.name() + (this.ignoreCase ? " (ignoring case) " : " ") + this.arguments;
	}

}
