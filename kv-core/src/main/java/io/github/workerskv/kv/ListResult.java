package io.github.workerskv.kv;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * <p>Continue with {@link ListOptions#withCursor(String)} while {@code listComplete} is false. A page
 * may hold fewer keys than the limit (even none) while more remain; only {@code listComplete} says
 * when the listing is over.
 *
 * @param keys the keys of this page, in UTF-8 byte order
 * @param listComplete whether this is the last page
 * @param cursor where to continue, or {@code null} on the last page
 */
public record ListResult(List<KVKey> keys, boolean listComplete, @Nullable String cursor) {

	public ListResult {
		keys = List.copyOf(keys);
	}

}
