package io.github.workerskv.kv.spring.data;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;
import org.springframework.data.keyvalue.core.QueryEngine;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;

/**
 * Spring Data KeyValue's entry point for queries ({@code KeyValueTemplate.find/count}), handing
 * {@link KVCriteria} to the adapter.
 */
final class KVQueryEngine extends QueryEngine<KVKeyValueAdapter, KVCriteria, Sort> {

	KVQueryEngine() {
		super(KVQueryEngine::criteria, KeyValueQuery::getSort);
	}

	static @Nullable KVCriteria criteria(KeyValueQuery<?> query) {
		Object criteria = query.getCriteria();
		if (criteria == null || criteria instanceof KVCriteria) {
			return (KVCriteria) criteria;
		}
		throw new InvalidDataAccessApiUsageException("KV repositories take KVCriteria as query criteria, not "
				+ criteria.getClass().getName() + ": derive the query from a method name, use Query by Example, "
				+ "or build KVCriteria.allOf(KVCondition.of(...))");
	}

	@Override
	public Collection<?> execute(@Nullable KVCriteria criteria, @Nullable Sort sort, long offset, int rows,
			String keyspace) {
		return getRequiredAdapter().find(criteria, sort, offset, rows, keyspace, (Class<?>) null);
	}

	@Override
	public <T> Collection<T> execute(@Nullable KVCriteria criteria, @Nullable Sort sort, long offset, int rows,
			String keyspace, Class<T> type) {
		return getRequiredAdapter().find(criteria, sort, offset, rows, keyspace, type);
	}

	@Override
	public long count(@Nullable KVCriteria criteria, String keyspace) {
		return getRequiredAdapter().count(criteria, keyspace);
	}

}
