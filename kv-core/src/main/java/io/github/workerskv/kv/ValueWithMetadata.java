package io.github.workerskv.kv;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A value with its metadata, as {@code getWithMetadata} returns it.
 *
 * @param value the value, read as the requested type
 * @param metadata its metadata as JSON, or {@code null} if it has none
 * @param expiration when it expires in seconds since the UNIX epoch, or {@code null} if it does not
 * or the store did not say (the binding never does; the embedded store and the REST client do)
 * @param <T> the type the value was read as
 */
public record ValueWithMetadata<T>(T value, @Nullable JsonNode metadata, @Nullable Long expiration) {
}
