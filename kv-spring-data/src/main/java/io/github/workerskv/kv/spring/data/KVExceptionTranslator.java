package io.github.workerskv.kv.spring.data;

import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVValidationException;
import io.github.workerskv.kv.ValueDecodingException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.data.keyvalue.core.KeyValuePersistenceExceptionTranslator;

/**
 * Translates KV's exceptions into Spring's {@link DataAccessException}s for templates over a
 * {@link KVKeyValueAdapter}: a broken limit ({@link KVValidationException}) is an
 * {@link InvalidDataAccessApiUsageException}, a value that cannot be decoded a
 * {@link DataRetrievalFailureException}, and any other KV failure (storage, network, the REST API) a
 * {@link DataAccessResourceFailureException}; the message of the original is kept. Everything else is left
 * to Spring Data KeyValue's translator.
 */
public final class KVExceptionTranslator implements PersistenceExceptionTranslator {

	private final PersistenceExceptionTranslator fallback = new KeyValuePersistenceExceptionTranslator();

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		if (ex instanceof KVValidationException) {
			return new InvalidDataAccessApiUsageException(ex.getMessage(), ex);
		}
		if (ex instanceof ValueDecodingException) {
			return new DataRetrievalFailureException(ex.getMessage(), ex);
		}
		if (ex instanceof KVException) {
			return new DataAccessResourceFailureException(ex.getMessage(), ex);
		}
		return this.fallback.translateExceptionIfPossible(ex);
	}

}
