package io.github.workerskv.kv.cloudflare;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the items of a bulk request into requests the API accepts: at most 10,000 items, and a JSON
 * array body ({@code [item,item,...]}) under 100 MB, keeping the items' order.
 */
final class BulkChunks {

	/** Most items in one bulk write or delete request. */
	static final int MAX_ITEMS = 10_000;

	/** Largest body of one bulk request: under 100 MB, since the docs say both "100 MB or less" and "less than". */
	static final long MAX_BODY_BYTES = 100_000_000L - 1;

	/** Most keys in one bulk get request. */
	static final int MAX_GET_KEYS = 100;

	private BulkChunks() {
	}

	/**
	 * One request: the items {@code from} (inclusive) to {@code to} (exclusive).
	 * @param from the first item
	 * @param to one past the last item
	 */
	record Range(int from, int to) {

		int size() {
			return this.to - this.from;
		}

	}

	/**
	 * @param itemBytes the serialised size of each item
	 * @param maxItems the most items per request
	 * @param maxBodyBytes the largest body, brackets and commas included
	 * @return consecutive ranges covering every item; none for no items
	 * @throws IllegalArgumentException if one item alone does not fit in a body
	 */
	static List<Range> plan(long[] itemBytes, int maxItems, long maxBodyBytes) {
		if (maxItems < 1) {
			throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
		}
		List<Range> ranges = new ArrayList<>();
		int from = 0;
		long body = 2;
		for (int i = 0; i < itemBytes.length; i++) {
			if (2 + itemBytes[i] > maxBodyBytes) {
				throw new IllegalArgumentException("Item " + i + " serialises to " + itemBytes[i]
						+ " bytes, which alone exceeds the " + maxBodyBytes + " bytes of a bulk request");
			}
			long grown = body + itemBytes[i] + ((i > from) ? 1 : 0);
			if (i > from && (i - from == maxItems || grown > maxBodyBytes)) {
				ranges.add(new Range(from, i));
				from = i;
				grown = 2 + itemBytes[i];
			}
			body = grown;
		}
		if (from < itemBytes.length) {
			ranges.add(new Range(from, itemBytes.length));
		}
		return ranges;
	}

	/**
	 * Ranges of at most {@code size} items.
	 * @param count the number of items
	 * @param size the most items per range
	 * @return consecutive ranges covering every item
	 */
	static List<Range> bySize(int count, int size) {
		List<Range> ranges = new ArrayList<>();
		for (int from = 0; from < count; from += size) {
			ranges.add(new Range(from, Math.min(count, from + size)));
		}
		return ranges;
	}

}
