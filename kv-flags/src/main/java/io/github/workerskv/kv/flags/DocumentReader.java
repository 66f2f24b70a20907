package io.github.workerskv.kv.flags;

import java.time.Clock;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads one flag document with its metadata: one KV read. */
final class DocumentReader {

	private final KVNamespace namespace;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final RuleEvaluation evaluation;

	DocumentReader(KVNamespace namespace, JsonMapper jsonMapper, Clock clock, RuleEvaluation evaluation) {
		this.namespace = namespace;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.evaluation = evaluation;
	}

	/**
	 * @param key the document's key
	 * @return the document (absent if the key does not exist)
	 * @throws RuntimeException if KV fails, or the value is not a JSON object
	 */
	DocumentSnapshot read(String key) {
		ValueWithMetadata<String> stored = this.namespace.getWithMetadata(key, ValueType.text(), GetOptions.defaults());
		if (stored == null) {
			return new DocumentSnapshot(null, null, this.clock.instant());
		}
		FlagDocument document;
		try {
			document = FlagDocument.parse(this.jsonMapper.readTree(stored.value()), this.evaluation);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("the flag document '" + key + "' is not JSON: " + ex.getOriginalMessage(),
					ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("the flag document '" + key + "' is unusable: " + ex.getMessage(), ex);
		}
		Long version = (stored.metadata() != null && stored.metadata().has("version"))
				? DocumentMetadata.versionOf(stored.metadata()) : null;
		return new DocumentSnapshot(document, version, this.clock.instant());
	}

}
