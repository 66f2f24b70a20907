package io.github.workerskv.kv.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.github.workerskv.kv.KVListener;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link AbstractKVNamespace} is built with.
 *
 * @param id the namespace id
 * @param name the name listeners know it by (a binding name, else the id)
 * @param jsonMapper gives the mapper that reads JSON values and writes metadata, asked for at each use (so that a
 *        default mapper is only built once something needs it)
 * @param clock the clock that expirations are checked against
 * @param asyncExecutor runs the asynchronous twins ({@code Runnable::run} completes them in the caller)
 * @param listener told of every call
 */
public record NamespaceSettings(String id, String name, Supplier<JsonMapper> jsonMapper, Clock clock, Executor asyncExecutor,
		KVListener listener) {

	public NamespaceSettings {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		Objects.requireNonNull(clock, "clock must not be null");
		Objects.requireNonNull(asyncExecutor, "asyncExecutor must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
	}

}
