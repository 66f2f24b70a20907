package io.github.workerskv.kv;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One key of a list page.
 *
 * @param name the key
 * @param expiration when it expires, in seconds since the UNIX epoch, or {@code null} if it does not
 * @param metadata its metadata as JSON, or {@code null} if it has none
 */
public record KVKey(String name, @Nullable Long expiration, @Nullable JsonNode metadata) {
}
