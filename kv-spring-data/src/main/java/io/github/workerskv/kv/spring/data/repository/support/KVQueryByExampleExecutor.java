package io.github.workerskv.kv.spring.data.repository.support;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.workerskv.kv.spring.data.KVCriteria;
import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.Example;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.keyvalue.core.IterableConverter;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentProperty;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.query.FluentQuery;
import org.springframework.data.repository.query.ListQueryByExampleExecutor;

/**
 * Query by Example on KV: the probe becomes {@link KVCriteria}, so that properties that are
 * {@link io.github.workerskv.kv.spring.data.Indexed} are matched on listed metadata and the others on
 * values read in bulk. Fluent queries ({@code findBy(example, q -> …)}) support sorting, limits, pages,
 * slices, windows, streams and projections to interfaces or (through the JSON mapper) to other classes.
 *
 * @param <T> the entity type
 */
public class KVQueryByExampleExecutor<T> implements ListQueryByExampleExecutor<T> {

	private final Class<T> type;

	private final KeyValueOperations operations;

	private final KVKeyValueAdapter adapter;

	private final ExampleCriteria examples;

	private final SpelAwareProxyProjectionFactory projections = new SpelAwareProxyProjectionFactory();

	/**
	 * @param type the entity type
	 * @param operations the template, whose adapter must be a {@link KVKeyValueAdapter}
	 */
	@SuppressWarnings("unchecked")
	public KVQueryByExampleExecutor(Class<T> type, KeyValueOperations operations) {
		this.type = type;
		this.operations = operations;
		if (!(operations.getKeyValueAdapter() instanceof KVKeyValueAdapter kv)) {
			throw new IllegalStateException("Query by Example on KV needs a template over a KVKeyValueAdapter");
		}
		this.adapter = kv;
		this.examples = new ExampleCriteria(
				(MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>>) operations
					.getMappingContext());
	}

	@Override
	public <S extends T> Optional<S> findOne(Example<S> example) {
		List<S> found = find(example, Sort.unsorted(), 2);
		if (found.size() > 1) {
			throw new IncorrectResultSizeDataAccessException(1);
		}
		return found.stream().findFirst();
	}

	@Override
	public <S extends T> List<S> findAll(Example<S> example) {
		return find(example, Sort.unsorted(), -1);
	}

	@Override
	public <S extends T> List<S> findAll(Example<S> example, Sort sort) {
		return find(example, sort, -1);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <S extends T> Page<S> findAll(Example<S> example, Pageable pageable) {
		return (Page<S>) this.adapter.findPage(this.examples.criteria(example), pageable, this.type);
	}

	@Override
	public <S extends T> long count(Example<S> example) {
		return this.operations.count(query(example, Sort.unsorted(), -1), this.type);
	}

	@Override
	public <S extends T> boolean exists(Example<S> example) {
		return this.operations.exists(query(example, Sort.unsorted(), -1), this.type);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <S extends T, R> R findBy(Example<S> example, Function<FluentQuery.FetchableFluentQuery<S>, R> queryFunction) {
		return queryFunction.apply(new Fluent<>(example, Sort.unsorted(), -1, (Class<S>) this.type));
	}

	@SuppressWarnings("unchecked")
	private <S extends T> List<S> find(Example<S> example, Sort sort, int limit) {
		return (List<S>) IterableConverter.toList(this.operations.find(query(example, sort, limit), this.type));
	}

	private KeyValueQuery<KVCriteria> query(Example<?> example, Sort sort, int limit) {
		KVCriteria criteria = this.examples.criteria(example);
		KeyValueQuery<KVCriteria> query = (criteria != null) ? new KeyValueQuery<>(criteria, sort)
				: new KeyValueQuery<>(sort);
		query.setRows(limit);
		return query;
	}

	/** A fluent query: an example, a sort, a limit and the type results are returned as. */
	private final class Fluent<S extends T, R> implements FluentQuery.FetchableFluentQuery<R> {

		private final Example<S> example;

		private final Sort sort;

		private final int limit;

		private final Class<R> resultType;

		Fluent(Example<S> example, Sort sort, int limit, Class<R> resultType) {
			this.example = example;
			this.sort = sort;
			this.limit = limit;
			this.resultType = resultType;
		}

		@Override
		public FluentQuery.FetchableFluentQuery<R> sortBy(Sort sort) {
			return new Fluent<>(this.example, this.sort.and(sort), this.limit, this.resultType);
		}

		@Override
		public FluentQuery.FetchableFluentQuery<R> limit(int limit) {
			if (limit < 0) {
				throw new IllegalArgumentException("Limit must not be negative (was " + limit + ")");
			}
			return new Fluent<>(this.example, this.sort, limit, this.resultType);
		}

		@Override
		public <N> FluentQuery.FetchableFluentQuery<N> as(Class<N> resultType) {
			return new Fluent<>(this.example, this.sort, this.limit, resultType);
		}

		/** Whole values are read anyway, so a projection of properties changes nothing. */
		@Override
		public FluentQuery.FetchableFluentQuery<R> project(Collection<String> properties) {
			return this;
		}

		@Override
		public @Nullable R oneValue() {
			List<S> found = find(this.example, this.sort, 2);
			if (found.size() > 1) {
				throw new IncorrectResultSizeDataAccessException(1);
			}
			return found.isEmpty() ? null : convert(found.get(0));
		}

		@Override
		public @Nullable R firstValue() {
			List<S> found = find(this.example, this.sort, 1);
			return found.isEmpty() ? null : convert(found.get(0));
		}

		@Override
		public List<R> all() {
			return find(this.example, this.sort, this.limit).stream().map(this::convert).toList();
		}

		@Override
		public Window<R> scroll(ScrollPosition position) {
			return KVQueryByExampleExecutor.this.adapter
				.scroll(KVQueryByExampleExecutor.this.examples.criteria(this.example), this.sort, position, this.limit,
						KVQueryByExampleExecutor.this.type)
				.map(this::convert);
		}

		@Override
		public Page<R> page(Pageable pageable) {
			return KVQueryByExampleExecutor.this.adapter
				.findPage(KVQueryByExampleExecutor.this.examples.criteria(this.example), sorted(pageable),
						KVQueryByExampleExecutor.this.type)
				.map(this::convert);
		}

		@Override
		public Slice<R> slice(Pageable pageable) {
			return KVQueryByExampleExecutor.this.adapter
				.findSlice(KVQueryByExampleExecutor.this.examples.criteria(this.example), sorted(pageable),
						KVQueryByExampleExecutor.this.type)
				.map(this::convert);
		}

		@Override
		public Stream<R> stream() {
			return all().stream();
		}

		@Override
		public long count() {
			return KVQueryByExampleExecutor.this.count(this.example);
		}

		@Override
		public boolean exists() {
			return KVQueryByExampleExecutor.this.exists(this.example);
		}

		private Pageable sorted(Pageable pageable) {
			Sort sort = pageable.getSort().and(this.sort);
			return pageable.isPaged()
					? PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), sort)
					: Pageable.unpaged(sort);
		}

		@SuppressWarnings("unchecked")
		private R convert(Object entity) {
			if (this.resultType.isInstance(entity)) {
				return (R) entity;
			}
			if (this.resultType.isInterface()) {
				return KVQueryByExampleExecutor.this.projections.createProjection(this.resultType, entity);
			}
			return KVQueryByExampleExecutor.this.adapter.getOptions().jsonMapper().convertValue(entity, this.resultType);
		}

	}

}
