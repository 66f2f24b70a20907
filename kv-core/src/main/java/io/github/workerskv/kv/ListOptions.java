package io.github.workerskv.kv;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of a list: a key prefix, a page size and the cursor of the previous page. Immutable; start from
 * {@link #defaults()} and change it with the {@code with…} methods.
 *
 * <p>Keys come back in UTF-8 byte order. The prefix is a literal, case-sensitive byte prefix. The
 * cursor is opaque: pass the one from the previous {@link ListResult} unchanged, and repeat the
 * prefix on every page.
 */
public final class ListOptions {

	private static final ListOptions DEFAULTS = new ListOptions(null, KVLimits.MAX_LIST_LIMIT, null);

	private final @Nullable String prefix;

	private final int limit;

	private final @Nullable String cursor;

	private ListOptions(@Nullable String prefix, int limit, @Nullable String cursor) {
		this.prefix = prefix;
		this.limit = limit;
		this.cursor = cursor;
	}

	/** @return all keys, 1000 per page, from the start */
	public static ListOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param prefix only keys that start with this (empty or {@code null} for all)
	 * @return a copy with this prefix
	 * @throws InvalidListOptionsException if the prefix is longer than 512 UTF-8 bytes
	 */
	public ListOptions withPrefix(@Nullable String prefix) {
		String checked = KVLimits.nullIfEmpty(prefix);
		if (checked != null) {
			KVLimits.checkPrefix(checked);
		}
		return new ListOptions(checked, this.limit, this.cursor);
	}

	/**
	 * @param limit the most keys in one page, 1..1000
	 * @return a copy with this page size
	 * @throws InvalidListOptionsException if the limit is outside 1..1000
	 */
	public ListOptions withLimit(int limit) {
		KVLimits.checkListLimit(limit);
		return new ListOptions(this.prefix, limit, this.cursor);
	}

	/**
	 * @param cursor the cursor of the previous page, or {@code null} (or empty) to start over
	 * @return a copy that continues after that page
	 */
	public ListOptions withCursor(@Nullable String cursor) {
		return new ListOptions(this.prefix, this.limit, KVLimits.nullIfEmpty(cursor));
	}

	/** @return only keys that start with this prefix, or {@code null} for all keys */
	public @Nullable String prefix() {
		return this.prefix;
	}

	/** @return the most keys in one page, 1..1000 (default 1000) */
	public int limit() {
		return this.limit;
	}

	/** @return where the previous page ended, or {@code null} for the first page */
	public @Nullable String cursor() {
		return this.cursor;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ListOptions that && this.limit == that.limit && Objects.equals(this.prefix, that.prefix)
				&& Objects.equals(this.cursor, that.cursor);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.prefix, this.limit, this.cursor);
	}

	@Override
	public String toString() {
		return "ListOptions[prefix=" + this.prefix + ", limit=" + this.limit + ", cursor=" + this.cursor + "]";
	}

}
