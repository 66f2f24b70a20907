package io.github.workerskv.kv.spring.data;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called by {@link KVKeyValueAdapter} just before an entity is serialised and written, once the previous
 * stored value has been read. Register implementations as beans; the adapter created by
 * {@code @EnableKVRepositories} finds them. Auditing ({@code @EnableKVAuditing}) is one.
 *
 * <p>A callback changes the entity in place (or returns it); a different instance returned is what is
 * stored, but {@code save} still returns the instance it was given.
 *
 * @param <T> the entity type
 */
@FunctionalInterface
public interface BeforeKVWriteCallback<T> extends EntityCallback<T> {

	/**
	 * @param entity the entity about to be written
	 * @param keyspace its keyspace
	 * @param exists whether KV held a live value under the entity's key when it was read just before
	 * @return the entity to write
	 */
	T onBeforeWrite(T entity, String keyspace, boolean exists);

}
