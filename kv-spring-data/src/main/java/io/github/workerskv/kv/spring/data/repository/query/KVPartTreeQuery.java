package io.github.workerskv.kv.spring.data.repository.query;

import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.spring.data.KVCriteria;
import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.keyvalue.core.IterableConverter;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.keyvalue.repository.query.KeyValuePartTreeQuery;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.util.ClassUtils;

/**
 * A derived query on KV. Beyond what Spring Data KeyValue runs, it answers {@code Page} from one listing
 * (content and total together), {@code Slice} by reading one row more than it returns, {@code Window}
 * scrolling ({@code ScrollPosition} parameter) on KV's cursors, {@code Stream} results, a {@code Limit}
 * parameter, and {@code deleteBy…} (each match deleted through the template, with its events).
 */
public class KVPartTreeQuery extends KeyValuePartTreeQuery {

	private final KeyValueOperations operations;

	private final PartTree tree;

	/**
	 * @param queryMethod the repository method
	 * @param valueExpressionDelegate evaluates expressions
	 * @param operations the template, whose adapter must be a {@link KVKeyValueAdapter}
	 * @param queryCreator the query creator type
	 */
	public KVPartTreeQuery(QueryMethod queryMethod, ValueExpressionDelegate valueExpressionDelegate,
			KeyValueOperations operations, Class<? extends AbstractQueryCreator<?, ?>> queryCreator) {
		super(queryMethod, valueExpressionDelegate, operations, queryCreator);
		this.operations = operations;
		this.tree = new PartTree(queryMethod.getName(), queryMethod.getEntityInformation().getJavaType());
	}

	@Override
	protected KeyValueQuery<?> prepareQuery(KeyValueQuery<?> instance, Object[] parameters) {
		KeyValueQuery<?> query = super.prepareQuery(instance, parameters);
		Limit limit = new ParametersParameterAccessor(getQueryMethod().getParameters(), parameters).getLimit();
		if (limit.isLimited() && (query.getRows() < 0 || limit.max() < query.getRows())) {
			query.setRows(limit.max());
		}
		return query;
	}

	@Override
	protected @Nullable Object doExecute(Object[] parameters, KeyValueQuery<?> query) {
		QueryMethod method = getQueryMethod();
		Class<?> type = method.getEntityInformation().getJavaType();
		KVCriteria criteria = (KVCriteria) query.getCriteria();
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(method.getParameters(), parameters);
		if (method.isScrollQuery()) {
			ScrollPosition position = accessor.getScrollPosition();
			if (position == null) {
				throw new InvalidDataAccessApiUsageException(method.getName()
						+ " returns a Window, so it needs a ScrollPosition parameter (ScrollPosition.keyset() to start)");
			}
			return adapter().scroll(criteria, query.getSort(), position, query.getRows(), type);
		}
		if (method.isPageQuery() || method.isSliceQuery()) {
			Pageable requested = accessor.getPageable();
			Pageable pageable = requested.isPaged()
					? PageRequest.of(requested.getPageNumber(), requested.getPageSize(), query.getSort())
					: Pageable.unpaged(query.getSort());
			return method.isPageQuery() ? adapter().findPage(criteria, pageable, type)
					: adapter().findSlice(criteria, pageable, type);
		}
		if (this.tree.isDelete()) {
			return delete(query, type, method);
		}
		if (method.isStreamQuery()) {
			return IterableConverter.toList(this.operations.find(query, type)).stream();
		}
		return super.doExecute(parameters, query);
	}

	private @Nullable Object delete(KeyValueQuery<?> query, Class<?> type, QueryMethod method) {
		List<Object> deleted = new ArrayList<>();
		for (Object entity : this.operations.find(query, type)) {
			this.operations.delete(entity);
			deleted.add(entity);
		}
		Class<?> returned = ClassUtils.resolvePrimitiveIfNecessary(method.getReturnedObjectType());
		if (Number.class.isAssignableFrom(returned)) {
			return (long) deleted.size();
		}
		if (method.isCollectionQuery()) {
			return deleted;
		}
		if (returned == Void.class) {
			return null;
		}
		return deleted.isEmpty() ? null : deleted.get(0);
	}

	private KVKeyValueAdapter adapter() {
		if (this.operations.getKeyValueAdapter() instanceof KVKeyValueAdapter adapter) {
			return adapter;
		}
		throw new IllegalStateException("KV repositories need a template over a KVKeyValueAdapter, not "
				+ this.operations.getKeyValueAdapter().getClass().getName());
	}

}
