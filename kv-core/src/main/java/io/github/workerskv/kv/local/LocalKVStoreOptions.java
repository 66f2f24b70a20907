package io.github.workerskv.kv.local;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * How to open a {@link LocalKVStore}.
 *
 * @param persistPath the SQLite file that holds the data, created if missing, or {@code null} to keep
 * everything in memory
 * @param clock the clock that decides expiration (inject a fixed or mutable clock in tests)
 * @param jsonMapper reads JSON values and writes metadata
 */
public record LocalKVStoreOptions(@Nullable Path persistPath, Clock clock, JsonMapper jsonMapper) {

	private static final JsonMapper DEFAULT_JSON_MAPPER = JsonMapper.builder().build();

	public LocalKVStoreOptions {
		Objects.requireNonNull(clock, "clock must not be null");
		Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
	}

	/** @return in memory, the system UTC clock and a default {@link JsonMapper} */
	public static LocalKVStoreOptions defaults() {
		return new LocalKVStoreOptions(null, Clock.systemUTC(), DEFAULT_JSON_MAPPER);
	}

	/**
	 * @param persistPath the SQLite file to keep the data in, or {@code null} for memory
	 * @return a copy with this persistence
	 */
	public LocalKVStoreOptions withPersistPath(@Nullable Path persistPath) {
		return new LocalKVStoreOptions(persistPath, this.clock, this.jsonMapper);
	}

	/**
	 * @param clock the clock that decides expiration
	 * @return a copy with this clock
	 */
	public LocalKVStoreOptions withClock(Clock clock) {
		return new LocalKVStoreOptions(this.persistPath, clock, this.jsonMapper);
	}

	/**
	 * @param jsonMapper the mapper for JSON values and metadata
	 * @return a copy with this mapper
	 */
	public LocalKVStoreOptions withJsonMapper(JsonMapper jsonMapper) {
		return new LocalKVStoreOptions(this.persistPath, this.clock, jsonMapper);
	}

}
