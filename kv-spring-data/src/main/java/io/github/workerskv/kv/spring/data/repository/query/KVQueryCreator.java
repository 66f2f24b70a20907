package io.github.workerskv.kv.spring.data.repository.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.github.workerskv.kv.spring.data.KVCondition;
import io.github.workerskv.kv.spring.data.KVCriteria;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.repository.query.ParameterAccessor;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;

/**
 * Turns a derived query's {@link PartTree} ({@code findByEmailAndAgeGreaterThan}) into a
 * {@link KeyValueQuery} whose criteria are {@link KVCriteria}, so that the adapter can tell which
 * conditions it can answer from listed metadata.
 */
public class KVQueryCreator extends AbstractQueryCreator<KeyValueQuery<KVCriteria>, KVCriteria> {

	/**
	 * @param tree the parsed method name
	 * @param parameters the call's arguments
	 */
	public KVQueryCreator(PartTree tree, ParameterAccessor parameters) {
		super(tree, parameters);
	}

	@Override
	protected KVCriteria create(Part part, Iterator<Object> iterator) {
		return KVCriteria.allOf(condition(part, iterator));
	}

	@Override
	protected KVCriteria and(Part part, KVCriteria base, Iterator<Object> iterator) {
		return base.and(condition(part, iterator));
	}

	@Override
	protected KVCriteria or(KVCriteria base, KVCriteria criteria) {
		return base.or(criteria);
	}

	@Override
	protected KeyValueQuery<KVCriteria> complete(@Nullable KVCriteria criteria, Sort sort) {
		return (criteria != null) ? new KeyValueQuery<>(criteria, sort) : new KeyValueQuery<>(sort);
	}

	private static KVCondition condition(Part part, Iterator<Object> iterator) {
		List<@Nullable Object> arguments = new ArrayList<>();
		for (int i = 0; i < part.getNumberOfArguments(); i++) {
			arguments.add(iterator.next());
		}
		try {
			return KVCondition.of(part.getProperty().toDotPath(), part.getType(), arguments,
					part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDataAccessApiUsageException(ex.getMessage(), ex);
		}
	}

}
