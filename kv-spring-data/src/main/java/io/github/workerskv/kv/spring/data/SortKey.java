package io.github.workerskv.kv.spring.data;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a row is ordered by: its values of the sort's properties, then its key.
 *
 * @param values one value per order of the sort
 * @param key the key, which breaks ties in KV's order
 */
record SortKey(List<@Nullable Object> values, String key) {
}
