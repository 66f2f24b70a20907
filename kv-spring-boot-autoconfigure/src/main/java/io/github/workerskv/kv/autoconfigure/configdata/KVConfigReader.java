package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.ValueType;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a resource imports, as KV holds it: a document's key and text, or every key under a prefix with
 * its text, found with {@code list} (1,000 keys a page) and read with bulk gets of 100 keys.
 */
final class KVConfigReader {

	/** The most list pages read for one prefix (ten million keys), so that a cursor that never ends cannot hang. */
	static final int MAX_PAGES = 10_000;

	private static final int BULK_GET_KEYS = 100;

	private KVConfigReader() {
	}

	/**
	 * @param namespace the binding's namespace
	 * @param resource what to read
	 * @return the keys and their values, in key order; empty when the document or every key under the prefix
	 * is missing
	 * @throws io.github.workerskv.kv.KVException if KV cannot be read
	 */
	static Map<String, String> read(KVNamespace namespace, KVConfigDataResource resource) {
		if (resource.isDocument()) {
			String text = namespace.get(resource.key());
			return (text != null) ? Map.of(resource.key(), text) : Map.of();
		}
		List<String> keys = keys(namespace, resource.key());
		Map<String, String> entries = new LinkedHashMap<>();
		for (int from = 0; from < keys.size(); from += BULK_GET_KEYS) {
			List<String> chunk = keys.subList(from, Math.min(keys.size(), from + BULK_GET_KEYS));
			Map<String, @Nullable String> values = namespace.get(chunk, ValueType.text());
			for (String key : chunk) {
				String value = values.get(key);
				if (value != null) {
					entries.put(key, value);
				}
			}
		}
		return entries;
	}

	private static List<String> keys(KVNamespace namespace, String prefix) {
		List<String> keys = new ArrayList<>();
		ListOptions options = ListOptions.defaults().withLimit(KVLimits.MAX_LIST_LIMIT).withPrefix(prefix);
		for (int page = 0; page < MAX_PAGES; page++) {
			ListResult result = namespace.list(options);
			result.keys().stream().map(KVKey::name).forEach(keys::add);
			if (result.listComplete() || result.cursor() == null) {
				return keys;
			}
			options = options.withCursor(result.cursor());
		}
		throw new IllegalStateException("The list of the keys under '" + prefix + "' did not end after " + MAX_PAGES
				+ " pages of " + KVLimits.MAX_LIST_LIMIT + " keys; import a narrower prefix");
	}

}
