package io.github.workerskv.kv;

import org.jspecify.annotations.Nullable;

/**
 * Options of a list: a key prefix, a page size and the cursor of the previous page.
 *
 * <p>Keys come back in UTF-8 byte order. The prefix is a literal, case-sensitive byte prefix. The
 * cursor is opaque: pass the one from the previous {@link ListResult} unchanged, and repeat the
 * prefix on every page.
 *
 * @param prefix only keys that start with this prefix, or {@code null} for all keys
 * @param limit the most keys in one page, 1..1000 (default 1000)
 * @param cursor where the previous page ended, or {@code null} for the first page
 */
public record ListOptions(@Nullable String prefix, int limit, @Nullable String cursor) {

	private static final ListOptions DEFAULTS = new ListOptions(null, KVLimits.MAX_LIST_LIMIT, null);

	/**
	 * Validates the options.
	 * @throws InvalidListOptionsException if the limit is outside 1..1000 or the prefix is longer
	 * than 512 UTF-8 bytes
	 */
	public ListOptions {
		KVLimits.checkListLimit(limit);
		prefix = KVLimits.nullIfEmpty(prefix);
		cursor = KVLimits.nullIfEmpty(cursor);
		if (prefix != null) {
			KVLimits.checkPrefix(prefix);
		}
	}

	/** @return all keys, 1000 per page, from the start */
	public static ListOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param prefix only keys that start with this (empty or {@code null} for all)
	 * @return a copy with this prefix
	 */
	public ListOptions withPrefix(@Nullable String prefix) {
		return new ListOptions(prefix, this.limit, this.cursor);
	}

	/**
	 * @param limit the most keys in one page, 1..1000
	 * @return a copy with this page size
	 */
	public ListOptions withLimit(int limit) {
		return new ListOptions(this.prefix, limit, this.cursor);
	}

	/**
	 * @param cursor the cursor of the previous page, or {@code null} to start over
	 * @return a copy that continues after that page
	 */
	public ListOptions withCursor(@Nullable String cursor) {
		return new ListOptions(this.prefix, this.limit, cursor);
	}

}
