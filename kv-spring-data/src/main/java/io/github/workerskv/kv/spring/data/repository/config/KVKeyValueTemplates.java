package io.github.workerskv.kv.spring.data.repository.config;

import io.github.workerskv.kv.spring.data.KVExceptionTranslator;
import io.github.workerskv.kv.spring.data.KVKeyValueAdapter;

import org.springframework.data.keyvalue.core.KeyValueTemplate;
import org.springframework.data.keyvalue.core.mapping.context.KeyValueMappingContext;

/**
 * Makes the repositories' {@link KeyValueTemplate}: a static factory method with exact parameter types,
 * which Spring AOT can generate code for (it cannot match {@code KeyValueTemplate}'s generic constructor
 * against the adapter's factory bean and the mapping context).
 */
final class KVKeyValueTemplates {

	private KVKeyValueTemplates() {
	}

	/**
	 * @param adapter the adapter over the binding's namespace
	 * @param mappingContext the repositories' mapping context
	 * @return the template, translating KV's exceptions into Spring's data access exceptions
	 */
	static KeyValueTemplate template(KVKeyValueAdapter adapter, KeyValueMappingContext<?, ?> mappingContext) {
		KeyValueTemplate template = new KeyValueTemplate(adapter, mappingContext);
		template.setExceptionTranslator(new KVExceptionTranslator());
		return template;
	}

}
