package io.github.workerskv.kv.spring.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The criteria of a KV query: an OR of ANDs of {@link KVCondition}s, the shape derived queries have
 * ({@code findByAAndBOrC}).
 *
 * <p>The {@code KeyValueQuery} of a KV repository carries one as its criteria;
 * {@link KVKeyValueAdapter} evaluates every condition it can on listed metadata and reads values only for
 * the keys that pass them and still need a test on a property that is not {@link Indexed}.
 */
public final class KVCriteria {

	private final List<List<KVCondition>> anyOf;

	private KVCriteria(List<List<KVCondition>> anyOf) {
		this.anyOf = anyOf;
	}

	/**
	 * @param conditions conditions that must all hold
	 * @return the criteria
	 */
	public static KVCriteria allOf(List<KVCondition> conditions) {
		return new KVCriteria(List.of(List.copyOf(conditions)));
	}

	/**
	 * @param conditions conditions that must all hold
	 * @return the criteria
	 */
	public static KVCriteria allOf(KVCondition... conditions) {
		return allOf(List.of(conditions));
	}

	/**
	 * @param other more criteria
	 * @return criteria that hold when these or the other hold
	 */
	public KVCriteria or(KVCriteria other) {
		Objects.requireNonNull(other, "other must not be null");
		List<List<KVCondition>> copy = new ArrayList<>(this.anyOf);
		copy.addAll(other.anyOf);
		return new KVCriteria(List.copyOf(copy));
	}

	/**
	 * @param condition another condition
	 * @return criteria where the condition must also hold, in every alternative
	 */
	public KVCriteria and(KVCondition condition) {
		Objects.requireNonNull(condition, "condition must not be null");
		List<List<KVCondition>> copy = new ArrayList<>(this.anyOf.size());
		for (List<KVCondition> all : this.anyOf) {
			List<KVCondition> more = new ArrayList<>(all);
			more.add(condition);
			copy.add(List.copyOf(more));
		}
		return new KVCriteria(List.copyOf(copy));
	}

	/** @return the alternatives, each a list of conditions that must all hold; an empty list always holds */
	public List<List<KVCondition>> alternatives() {
		return this.anyOf;
	}

	/** @return every property path a condition names, in order */
	public Set<String> properties() {
		Set<String> properties = new LinkedHashSet<>();
		for (List<KVCondition> all : this.anyOf) {
			for (KVCondition condition : all) {
				properties.add(condition.property());
			}
		}
		return properties;
	}

	@Override
	public String toString() {
		return "KVCriteria" + this.anyOf;
	}

}
