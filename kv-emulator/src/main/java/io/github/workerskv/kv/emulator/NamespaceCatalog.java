package io.github.workerskv.kv.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.local.LocalKVStore;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The namespaces the emulator knows, kept inside the backing store itself, in the reserved
 * namespace {@value #CATALOG_NAMESPACE} (key: namespace id, value: {@code {"title": ...}}). A
 * persisted store therefore keeps its namespaces across restarts with the same crash safety as its
 * keys. Ids are 32 lowercase hex digits; titles are unique. Changes are serialised by this object.
 */
final class NamespaceCatalog {

	/** The store namespace that holds the catalog; it is never listed or served. */
	static final String CATALOG_NAMESPACE = "__kv_emulator_catalog__";

	private final LocalKVStore store;

	private final KVNamespace catalog;

	private final JsonMapper jsonMapper;

	NamespaceCatalog(LocalKVStore store, JsonMapper jsonMapper) {
		this.store = store;
		this.catalog = store.namespace(CATALOG_NAMESPACE);
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @param id a namespace id from a request
	 * @return the namespace, or {@code null} if there is none with this id
	 */
	@Nullable Entry find(String id) {
		try {
			KVLimits.checkKey(id);
		}
		catch (InvalidKeyException ex) {
			return null;
		}
		String json = this.catalog.get(id);
		return (json != null) ? new Entry(id, title(json)) : null;
	}

	/** @return every namespace, in no particular order */
	List<Entry> all() {
		List<Entry> entries = new ArrayList<>();
		ListOptions options = ListOptions.defaults();
		for (int page = 0; page < 1_000_000; page++) {
			ListResult result = this.catalog.list(options);
			for (KVKey key : result.keys()) {
				String json = this.catalog.get(key.name());
				if (json != null) {
					entries.add(new Entry(key.name(), title(json)));
				}
			}
			if (result.listComplete()) {
				break;
			}
			options = options.withCursor(result.cursor());
		}
		return entries;
	}

	/**
	 * @param title a title no other namespace has
	 * @return the new namespace
	 * @throws ApiException (400, 10014) if the title is taken
	 */
	synchronized Entry create(String title) {
		requireUniqueTitle(title, null);
		String id = UUID.randomUUID().toString().replace("-", "");
		this.catalog.put(id, json(title));
		return new Entry(id, title);
	}

	/**
	 * @param id the namespace id
	 * @param title its new title, which no other namespace has
	 * @return the renamed namespace, or {@code null} if there is none with this id
	 * @throws ApiException (400, 10014) if another namespace has the title
	 */
	synchronized @Nullable Entry rename(String id, String title) {
		if (find(id) == null) {
			return null;
		}
		requireUniqueTitle(title, id);
		this.catalog.put(id, json(title));
		return new Entry(id, title);
	}

	/**
	 * Forgets a namespace, then deletes its keys.
	 * @param id the namespace id
	 * @return whether it existed
	 */
	synchronized boolean delete(String id) {
		if (find(id) == null) {
			return false;
		}
		this.catalog.delete(id);
		this.store.deleteNamespace(id);
		return true;
	}

	private void requireUniqueTitle(String title, @Nullable String exceptId) {
		for (Entry entry : all()) {
			if (entry.title().equals(title) && !entry.id().equals(exceptId)) {
				throw new ApiException(400, ErrorCodes.DUPLICATE_TITLE,
						"a namespace with this account ID and title already exists");
			}
		}
	}

	private String json(String title) {
		return this.jsonMapper.writeValueAsString(Map.of("title", title));
	}

	private String title(String json) {
		try {
			JsonNode title = this.jsonMapper.readTree(json).get("title");
			return (title != null) ? title.asString() : "";
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	/**
	 * One namespace.
	 * @param id 32 lowercase hex digits
	 * @param title its title
	 */
	record Entry(String id, String title) {

		Wire.Namespace toWire() {
			return new Wire.Namespace(this.id, this.title, true);
		}

	}

}
