package io.github.workerskv.kv.local;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import io.github.workerskv.kv.KVListener;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How to open a {@link LocalKVStore}. Immutable; start from {@link #defaults()} and change it with the
 * {@code with…} methods.
 *
 * <dl>
 * <dt>persistPath</dt><dd>{@code null}: everything is kept in memory. A file needs the {@code kv-sqlite}
 * module</dd>
 * <dt>clock</dt><dd>the system UTC clock: decides expiration (inject a fixed or mutable clock in tests)</dd>
 * <dt>jsonMapper</dt><dd>a default {@link JsonMapper}, built when first asked for (so a store whose values are never
 * read as JSON and that keeps no metadata never loads Jackson's databind): reads JSON values, writes metadata</dd>
 * <dt>listener</dt><dd>{@link KVListener#none()}: told of every call of every namespace</dd>
 * <dt>namespaceNames</dt><dd>empty: names (such as binding names) by namespace id, for
 * {@link io.github.workerskv.kv.KVNamespace#name()}; a namespace without one is named by its id</dd>
 * </dl>
 */
public final class LocalKVStoreOptions {

	private static final LocalKVStoreOptions DEFAULTS = new LocalKVStoreOptions(null, Clock.systemUTC(), null,
			KVListener.none(), Map.of());

	private final @Nullable Path persistPath;

	private final Clock clock;

	/** {@code null}: {@link DefaultJsonMapper#INSTANCE}. */
	private final @Nullable JsonMapper jsonMapper;

	private final KVListener listener;

	private final Map<String, String> namespaceNames;

	private LocalKVStoreOptions(@Nullable Path persistPath, Clock clock, @Nullable JsonMapper jsonMapper, KVListener listener,
			Map<String, String> namespaceNames) {
		this.persistPath = persistPath;
		this.clock = clock;
		this.jsonMapper = jsonMapper;
		this.listener = listener;
		this.namespaceNames = namespaceNames;
	}

	/** @return in memory, the system UTC clock, a default {@link JsonMapper}, no listener */
	public static LocalKVStoreOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param persistPath the SQLite file to keep the data in (created if missing), or {@code null} for memory
	 * @return a copy with this persistence
	 */
	public LocalKVStoreOptions withPersistPath(@Nullable Path persistPath) {
		return new LocalKVStoreOptions(persistPath, this.clock, this.jsonMapper, this.listener, this.namespaceNames);
	}

	/**
	 * @param clock the clock that decides expiration
	 * @return a copy with this clock
	 */
	public LocalKVStoreOptions withClock(Clock clock) {
		return new LocalKVStoreOptions(this.persistPath, Objects.requireNonNull(clock, "clock must not be null"),
				this.jsonMapper, this.listener, this.namespaceNames);
	}

	/**
	 * @param jsonMapper the mapper for JSON values and metadata
	 * @return a copy with this mapper
	 */
	public LocalKVStoreOptions withJsonMapper(JsonMapper jsonMapper) {
		return new LocalKVStoreOptions(this.persistPath, this.clock,
				Objects.requireNonNull(jsonMapper, "jsonMapper must not be null"), this.listener, this.namespaceNames);
	}

	/**
	 * @param listener told of every call of every namespace ({@link KVListener#composite} for several)
	 * @return a copy with this listener
	 */
	public LocalKVStoreOptions withListener(KVListener listener) {
		return new LocalKVStoreOptions(this.persistPath, this.clock, this.jsonMapper,
				Objects.requireNonNull(listener, "listener must not be null"), this.namespaceNames);
	}

	/**
	 * @param namespaceNames names (such as binding names) by namespace id
	 * @return a copy with these names
	 */
	public LocalKVStoreOptions withNamespaceNames(Map<String, String> namespaceNames) {
		return new LocalKVStoreOptions(this.persistPath, this.clock, this.jsonMapper, this.listener,
				Map.copyOf(Objects.requireNonNull(namespaceNames, "namespaceNames must not be null")));
	}

	/** @return the SQLite file that holds the data, or {@code null} if everything is kept in memory */
	public @Nullable Path persistPath() {
		return this.persistPath;
	}

	/** @return the clock that decides expiration */
	public Clock clock() {
		return this.clock;
	}

	/** @return the mapper that reads JSON values and writes metadata (the default one is built on the first call) */
	public JsonMapper jsonMapper() {
		return (this.jsonMapper != null) ? this.jsonMapper : DefaultJsonMapper.INSTANCE;
	}

	/** @return the listener told of every call */
	public KVListener listener() {
		return this.listener;
	}

	/** @return names by namespace id */
	public Map<String, String> namespaceNames() {
		return this.namespaceNames;
	}

	/**
	 * @param namespaceId a namespace id
	 * @return its name from {@link #namespaceNames()}, else the id itself
	 */
	public String namespaceName(String namespaceId) {
		return this.namespaceNames.getOrDefault(namespaceId, namespaceId);
	}

	@Override
	public String toString() {
		return "LocalKVStoreOptions[persistPath=" + this.persistPath + ", clock=" + this.clock + ", listener="
				+ this.listener + ", namespaceNames=" + this.namespaceNames + "]";
	}

	/** The default mapper, shared by every store, built when this class is first used (the holder idiom). */
	private static final class DefaultJsonMapper {

		static final JsonMapper INSTANCE = JsonMapper.builder().build();

	}

}
