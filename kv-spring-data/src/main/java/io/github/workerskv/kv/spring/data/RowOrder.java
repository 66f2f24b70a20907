package io.github.workerskv.kv.spring.data;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Sort;

/**
 * Orders {@link SortKey}s by a {@link Sort}, then by key in KV's order. {@code null} sorts first in
 * ascending and last in descending order unless the order says otherwise; strings compare ignoring case
 * when the order asks.
 */
final class RowOrder implements Comparator<SortKey> {

	private final List<Sort.Order> orders;

	RowOrder(Sort sort) {
		this.orders = sort.toList();
	}

	@Override
	public int compare(SortKey a, SortKey b) {
		for (int i = 0; i < this.orders.size(); i++) {
			int result = compare(this.orders.get(i), a.values().get(i), b.values().get(i));
			if (result != 0) {
				return result;
			}
		}
		return Utf8Order.INSTANCE.compare(a.key(), b.key());
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static int compare(Sort.Order order, @Nullable Object x, @Nullable Object y) {
		if (x == null || y == null) {
			if (x == y) {
				return 0;
			}
			boolean nullsFirst = switch (order.getNullHandling()) {
				case NULLS_FIRST -> true;
				case NULLS_LAST -> false;
				case NATIVE -> order.isAscending();
			};
			return ((x == null) == nullsFirst) ? -1 : 1;
		}
		int result;
		if (order.isIgnoreCase() && x instanceof String s && y instanceof String t) {
			result = s.compareToIgnoreCase(t);
		}
		else if (x instanceof Comparable comparable && x.getClass().isInstance(y)) {
			result = comparable.compareTo(y);
		}
		else {
			throw new InvalidDataAccessApiUsageException("Cannot sort on '" + order.getProperty() + "': "
					+ x.getClass().getName() + " is not Comparable with " + y.getClass().getName());
		}
		return order.isAscending() ? result : -result;
	}

}
