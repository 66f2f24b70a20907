package io.github.workerskv.kv.spring.data.repository.support;

import io.github.workerskv.kv.spring.data.repository.query.KVPartTreeQuery;
import io.github.workerskv.kv.spring.data.repository.query.KVQueryCreator;

import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.repository.support.KeyValueRepositoryFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryComposition.RepositoryFragments;
import org.springframework.data.repository.core.support.RepositoryFragment;
import org.springframework.data.repository.query.QueryByExampleExecutor;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.parser.AbstractQueryCreator;

/**
 * Creates KV repositories: {@link SimpleKVRepository} as the base, {@link KVQueryCreator} and
 * {@link KVPartTreeQuery} for derived queries, and {@link KVQueryByExampleExecutor} for repositories that
 * extend {@link QueryByExampleExecutor}.
 */
public class KVRepositoryFactory extends KeyValueRepositoryFactory {

	private final KeyValueOperations operations;

	/**
	 * @param operations a template over a {@link io.github.workerskv.kv.spring.data.KVKeyValueAdapter}
	 */
	public KVRepositoryFactory(KeyValueOperations operations) {
		this(operations, KVQueryCreator.class, KVPartTreeQuery.class);
	}

	/**
	 * @param operations a template over a {@link io.github.workerskv.kv.spring.data.KVKeyValueAdapter}
	 * @param queryCreator the query creator type
	 * @param repositoryQueryType the query type
	 */
	public KVRepositoryFactory(KeyValueOperations operations, Class<? extends AbstractQueryCreator<?, ?>> queryCreator,
			Class<? extends RepositoryQuery> repositoryQueryType) {
		super(operations, queryCreator, repositoryQueryType);
		this.operations = operations;
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return SimpleKVRepository.class;
	}

	@Override
	protected RepositoryFragments getRepositoryFragments(RepositoryMetadata metadata, KeyValueOperations operations) {
		RepositoryFragments fragments = super.getRepositoryFragments(metadata, operations);
		if (QueryByExampleExecutor.class.isAssignableFrom(metadata.getRepositoryInterface())) {
			fragments = fragments.append(RepositoryFragment.implemented(QueryByExampleExecutor.class,
					new KVQueryByExampleExecutor<>(metadata.getDomainType(), this.operations)));
		}
		return fragments;
	}

}
