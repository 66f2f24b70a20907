package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Workers KV, under {@code cloudflare.kv}.
 *
 * <p>Bindings are named as in wrangler's {@code kv_namespaces}: each entry of {@code namespaces} maps a
 * binding name (for example {@code MY_NAMESPACE}) to its namespace ids. Only the embedded store is
 * supported so far; the ids pick the namespace inside it.
 *
 * <p>Binding names keep their case and underscores when written in YAML or {@code .properties} files.
 * Environment variables cannot express them (relaxed binding reads {@code _} as a separator and
 * lower-cases every name), so define bindings in a configuration file.
 */
@ConfigurationProperties("cloudflare.kv")
public class KVProperties {

	/**
	 * Namespaces by binding name, as in wrangler's kv_namespaces.
	 */
	private final Map<String, Namespace> namespaces = new LinkedHashMap<>();

	private final Local local = new Local();

	public Map<String, Namespace> getNamespaces() {
		return this.namespaces;
	}

	public Local getLocal() {
		return this.local;
	}

	/**
	 * The ids of one binding's namespace.
	 */
	public static class Namespace {

		/**
		 * Namespace ID. The embedded store uses the binding name when it is not set.
		 */
		private @Nullable String id;

		/**
		 * Namespace ID used for previews, as wrangler's preview_id. Not used by the embedded store.
		 */
		private @Nullable String previewId;

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getPreviewId() {
			return this.previewId;
		}

		public void setPreviewId(@Nullable String previewId) {
			this.previewId = previewId;
		}

	}

	/**
	 * The embedded store.
	 */
	public static class Local {

		/**
		 * SQLite file the embedded store keeps its data in, created if missing. When not set, data
		 * is kept in memory and lost when the application stops.
		 */
		private @Nullable Path persistPath;

		public @Nullable Path getPersistPath() {
			return this.persistPath;
		}

		public void setPersistPath(@Nullable Path persistPath) {
			this.persistPath = persistPath;
		}

	}

}
