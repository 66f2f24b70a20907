package io.github.workerskv.kv.spring.data.repository.support;

import java.util.List;
import java.util.Objects;

import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.keyvalue.core.KeyValueOperations;
import org.springframework.data.keyvalue.repository.support.SimpleKeyValueRepository;
import org.springframework.data.repository.core.EntityInformation;

/**
 * The base of every KV repository: Spring Data KeyValue's, with {@code findAllById} as bulk reads of 100
 * ids and {@code findAll(Pageable)} answered (content and total) from one listing of the keyspace.
 *
 * @param <T> the entity type
 * @param <ID> the id type
 */
public class SimpleKVRepository<T, ID> extends SimpleKeyValueRepository<T, ID> {

	private final EntityInformation<T, ID> entityInformation;

	private final KVKeyValueAdapter adapter;

	/**
	 * @param entityInformation the entity
	 * @param operations the template, whose adapter must be a {@link KVKeyValueAdapter}
	 */
	public SimpleKVRepository(EntityInformation<T, ID> entityInformation, KeyValueOperations operations) {
		super(entityInformation, operations);
		this.entityInformation = entityInformation;
		if (!(operations.getKeyValueAdapter() instanceof KVKeyValueAdapter kv)) {
			throw new IllegalStateException("KV repositories need a template over a KVKeyValueAdapter, not "
					+ operations.getKeyValueAdapter().getClass().getName());
		}
		this.adapter = kv;
	}

	@Override
	public List<T> findAllById(Iterable<ID> ids) {
		Objects.requireNonNull(ids, "ids must not be null");
		return this.adapter.findAllById(ids, this.entityInformation.getJavaType());
	}

	@Override
	public Page<T> findAll(Pageable pageable) {
		Objects.requireNonNull(pageable, "pageable must not be null");
		return this.adapter.findPage(null, pageable, this.entityInformation.getJavaType());
	}

}
