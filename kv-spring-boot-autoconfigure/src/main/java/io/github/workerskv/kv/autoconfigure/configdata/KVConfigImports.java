package io.github.workerskv.kv.autoconfigure.configdata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Every resource imported from KV in this application, kept in the bootstrap registry while configuration is
 * loaded and then held by the application context as the bean {@value #BEAN_NAME}, for the refresh. A
 * resource imported again (Spring Cloud's refresh reloads configuration) replaces its earlier import.
 */
final class KVConfigImports {

	static final String BEAN_NAME = "kvConfigImports";

	private final Map<KVConfigDataResource, KVConfigImport> imports = new LinkedHashMap<>();

	synchronized void add(KVConfigImport imported) {
		this.imports.put(imported.resource(), imported);
	}

	synchronized @Nullable KVConfigImport get(KVConfigDataResource resource) {
		return this.imports.get(resource);
	}

	/** @return the imports, in the order they were first made */
	synchronized List<KVConfigImport> all() {
		return new ArrayList<>(this.imports.values());
	}

	@Override
	public synchronized String toString() {
		return "KVConfigImports" + this.imports.keySet();
	}

}
