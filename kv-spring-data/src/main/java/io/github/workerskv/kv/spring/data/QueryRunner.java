package io.github.workerskv.kv.spring.data;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.InvalidBulkGetException;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ValueType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.convert.ConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Sort;

/**
 * Runs one query over one keyspace. Every condition and sort that names the id or an {@link Indexed}
 * property is evaluated on what {@code list} returns; values are read, 100 keys per bulk get, only for
 * the keys that pass those and still need a test or sort on another property, and for the rows returned.
 *
 * <pre>
 * list (1 request per 1,000 keys) → filter on metadata → [sort on metadata]
 *     → [read candidates, filter/sort on entities] → position (offset or keyset) → window → read the window
 * </pre>
 * Unsorted results come in KV's key order and stop listing as soon as the window is full (unless a total
 * is asked for); sorted results need the whole keyspace's keys in memory.
 */
final class QueryRunner {

	/** The keyset entry that remembers the list cursor of an unsorted window's last row. */
	static final String CURSOR_KEY = "kv:cursor";

	private static final Logger log = LoggerFactory.getLogger(KVKeyValueAdapter.class);

	/**
	 * @param model the entity
	 * @param criteria what rows must match, or {@code null} for all
	 * @param sort the order, unsorted for KV's key order
	 * @param skip how many matching rows to skip (0 with a keyset)
	 * @param limit the most rows to return, or -1 for all
	 * @param keyset where to continue, or {@code null}
	 * @param total whether to count every match (a full listing) for a page's total
	 */
	record Request(EntityModel model, @Nullable KVCriteria criteria, Sort sort, long skip, int limit,
			@Nullable KeysetScrollPosition keyset, boolean total) {
	}

	/**
	 * @param rows the rows of the window, each with its entity, in order
	 * @param hasMore whether more rows match beyond the window (before it, scrolling backward)
	 * @param total the number of matches, or -1 if not asked for
	 */
	record Result(List<Row> rows, boolean hasMore, long total) {
	}

	private final KVNamespace namespace;

	private final EntityKeys keys;

	private final EntityCodec codec;

	private final ConditionTest conditions;

	private final ConversionService conversion;

	private final Clock clock;

	QueryRunner(KVNamespace namespace, EntityKeys keys, EntityCodec codec, ConversionService conversion, Clock clock) {
		this.namespace = namespace;
		this.keys = keys;
		this.codec = codec;
		this.conditions = new ConditionTest(conversion);
		this.conversion = conversion;
		this.clock = clock;
	}

	Result run(Request request) {
		QueryStats stats = new QueryStats();
		EntityModel model = request.model();
		String prefix = this.keys.prefix(model.keyspace());
		KVCriteria criteria = request.criteria();
		Sort sort = request.sort();
		RowOrder order = new RowOrder(sort);
		Set<String> unlisted = unlisted(criteria, sort, model);
		boolean filterOnValues = criteria != null && criteria.properties().stream().anyMatch((p) -> !model.isListable(p));
		boolean sortOnValues = sort.stream().anyMatch((o) -> !model.isListable(o.getProperty()));
		KeysetScrollPosition keyset = request.keyset();
		boolean backward = keyset != null && keyset.scrollsBackward();
		SortKey position = (keyset != null && !keyset.isInitial()) ? position(keyset, model, prefix, sort) : null;
		String startCursor = (keyset != null && position != null && !backward && sort.isUnsorted()
				&& keyset.getKeys().get(CURSOR_KEY) instanceof String cursor) ? cursor : null;

		Predicate<Row> matchesEntity = (row) -> matchesEntity(criteria, model, row);
		Iterator<Row> rows = filter(new KeyspaceScan(this.namespace, prefix, startCursor, this.clock.millis(), stats),
				(row) -> matchesListed(criteria, model, prefix, row));
		if (sort.isSorted() && !sortOnValues) {
			List<Row> all = drain(rows);
			all.forEach((row) -> row.sortKey(listedSortKey(sort, model, prefix, row)));
			all.sort(Comparator.comparing(Row::sortKey, order));
			rows = filterOnValues ? new Loading(all.iterator(), model, matchesEntity, stats) : all.iterator();
		}
		else if (sort.isSorted()) {
			List<Row> all = drain(new Loading(rows, model, matchesEntity, stats));
			all.forEach((row) -> row.sortKey(entitySortKey(sort, model, row)));
			all.sort(Comparator.comparing(Row::sortKey, order));
			rows = all.iterator();
		}
		else if (filterOnValues) {
			rows = new Loading(rows, model, matchesEntity, stats);
		}

		List<Row> window = new ArrayList<>();
		boolean hasMore = false;
		long matched = 0;
		int limit = request.limit();
		if (backward) {
			Deque<Row> last = new ArrayDeque<>();
			while (rows.hasNext()) {
				Row row = rows.next();
				if (position != null && order.compare(sortKey(row), position) >= 0) {
					break;
				}
				last.addLast(row);
				if (limit >= 0 && last.size() > limit + 1) {
					last.removeFirst();
				}
			}
			hasMore = limit >= 0 && last.size() > limit;
			if (hasMore) {
				last.removeFirst();
			}
			window.addAll(last);
		}
		else {
			long skipped = 0;
			while (rows.hasNext()) {
				Row row = rows.next();
				if (position != null && order.compare(sortKey(row), position) <= 0) {
					continue;
				}
				matched++;
				if (skipped < request.skip()) {
					skipped++;
				}
				else if (limit < 0 || window.size() < limit) {
					window.add(row);
				}
				else {
					hasMore = true;
					if (!request.total()) {
						break;
					}
				}
			}
		}
		List<Row> result = load(window, model, matchesEntity, stats);
		if (unlisted.isEmpty()) {
			log.debug("Query {} {} on keyspace '{}' filtered and sorted on listed metadata: {}",
					(criteria != null) ? criteria : "all", sort, model.keyspace(), stats);
		}
		else {
			log.debug("Query {} {} on keyspace '{}' reads values with bulk gets of {} keys because {} are not "
					+ "@Indexed: {}", (criteria != null) ? criteria : "all", sort, model.keyspace(),
					KVLimits.MAX_BULK_GET_KEYS, unlisted, stats);
		}
		return new Result(result, hasMore, request.total() ? matched : -1);
	}

	private static Set<String> unlisted(@Nullable KVCriteria criteria, Sort sort, EntityModel model) {
		Set<String> unlisted = new LinkedHashSet<>();
		if (criteria != null) {
			criteria.properties().stream().filter((p) -> !model.isListable(p)).forEach(unlisted::add);
		}
		sort.stream().map(Sort.Order::getProperty).filter((p) -> !model.isListable(p)).forEach(unlisted::add);
		return unlisted;
	}

	private static SortKey sortKey(Row row) {
		SortKey key = row.sortKey();
		return (key != null) ? key : new SortKey(List.of(), row.key());
	}

	// ---- conditions ---------------------------------------------------------------------------

	private boolean matchesListed(@Nullable KVCriteria criteria, EntityModel model, String prefix, Row row) {
		if (criteria == null) {
			return true;
		}
		for (List<KVCondition> all : criteria.alternatives()) {
			boolean holds = true;
			for (KVCondition condition : all) {
				if (model.isListable(condition.property())
						&& !this.conditions.test(condition, listedValue(model, prefix, row, condition.property()))) {
					holds = false;
					break;
				}
			}
			if (holds) {
				return true;
			}
		}
		return false;
	}

	private boolean matchesEntity(@Nullable KVCriteria criteria, EntityModel model, Row row) {
		if (criteria == null) {
			return true;
		}
		Object entity = row.loadedEntity();
		for (List<KVCondition> all : criteria.alternatives()) {
			boolean holds = true;
			for (KVCondition condition : all) {
				if (!this.conditions.test(condition, model.value(entity, condition.property()))) {
					holds = false;
					break;
				}
			}
			if (holds) {
				return true;
			}
		}
		return false;
	}

	private @Nullable Object listedValue(EntityModel model, String prefix, Row row, String property) {
		if (property.equals(model.idName())) {
			return this.keys.id(row.key(), prefix, model.idType());
		}
		return this.codec.indexed(row.metadata(), property, model.indexedType(property), row.key());
	}

	// ---- order --------------------------------------------------------------------------------

	private SortKey listedSortKey(Sort sort, EntityModel model, String prefix, Row row) {
		List<@Nullable Object> values = new ArrayList<>();
		for (Sort.Order order : sort) {
			values.add(listedValue(model, prefix, row, order.getProperty()));
		}
		return new SortKey(values, row.key());
	}

	private static SortKey entitySortKey(Sort sort, EntityModel model, Row row) {
		List<@Nullable Object> values = new ArrayList<>();
		for (Sort.Order order : sort) {
			values.add(model.value(row.loadedEntity(), order.getProperty()));
		}
		return new SortKey(values, row.key());
	}

	private SortKey position(KeysetScrollPosition keyset, EntityModel model, String prefix, Sort sort) {
		Map<String, Object> keysetKeys = keyset.getKeys();
		Object id = keysetKeys.get(model.idName());
		if (id == null) {
			throw new InvalidDataAccessApiUsageException("A keyset position of " + model.type().getName()
					+ " needs the id property '" + model.idName() + "' (as Window.positionAt gives it), but has "
					+ keysetKeys.keySet());
		}
		List<@Nullable Object> values = new ArrayList<>();
		for (Sort.Order order : sort) {
			if (!keysetKeys.containsKey(order.getProperty())) {
				throw new InvalidDataAccessApiUsageException("The keyset position " + keysetKeys.keySet()
						+ " has no value for the sorted property '" + order.getProperty() + "'; scroll with the "
						+ "positions of a window of the same sort");
			}
			Object value = keysetKeys.get(order.getProperty());
			Class<?> type = model.propertyType(order.getProperty());
			values.add((value == null || type.isInstance(value)) ? value : this.conversion.convert(value, type));
		}
		return new SortKey(values, this.keys.key(model.keyspace(), id, model.type().getName()));
	}

	// ---- values -------------------------------------------------------------------------------

	/**
	 * Reads the entities of the rows that have none yet and keeps the rows whose value still exists and
	 * whose entity matches (a listing and a read can see different writes: KV is eventually consistent).
	 */
	private List<Row> load(List<Row> rows, EntityModel model, Predicate<Row> matches, QueryStats stats) {
		List<Row> missing = rows.stream().filter((row) -> row.entity() == null).toList();
		for (int from = 0; from < missing.size(); from += KVLimits.MAX_BULK_GET_KEYS) {
			List<Row> chunk = missing.subList(from, Math.min(missing.size(), from + KVLimits.MAX_BULK_GET_KEYS));
			Map<String, @Nullable String> values = read(chunk.stream().map(Row::key).toList(), stats);
			for (Row row : chunk) {
				String json = values.get(row.key());
				if (json != null) {
					row.entity(this.codec.entity(json, model.type(), row.key()));
				}
			}
		}
		List<Row> kept = new ArrayList<>(rows.size());
		for (Row row : rows) {
			if (row.entity() != null && matches.test(row)) {
				kept.add(row);
			}
		}
		return kept;
	}

	private Map<String, @Nullable String> read(List<String> keys, QueryStats stats) {
		try {
			Map<String, @Nullable String> values = this.namespace.get(keys, ValueType.text(), GetOptions.defaults());
			stats.read(keys.size());
			return values;
		}
		catch (InvalidBulkGetException ex) {
			if (ex.httpStatus() != 413 || keys.size() == 1) {
				throw ex;
			}
			Map<String, @Nullable String> values = new LinkedHashMap<>();
			values.putAll(read(keys.subList(0, keys.size() / 2), stats));
			values.putAll(read(keys.subList(keys.size() / 2, keys.size()), stats));
			return values;
		}
	}

	/** Rows with their entities read in bulk, 100 at a time as they are consumed, filtered on the entity. */
	private final class Loading implements Iterator<Row> {

		private final Iterator<Row> source;

		private final EntityModel model;

		private final Predicate<Row> matches;

		private final QueryStats stats;

		private Iterator<Row> batch = List.<Row>of().iterator();

		Loading(Iterator<Row> source, EntityModel model, Predicate<Row> matches, QueryStats stats) {
			this.source = source;
			this.model = model;
			this.matches = matches;
			this.stats = stats;
		}

		@Override
		public boolean hasNext() {
			while (!this.batch.hasNext() && this.source.hasNext()) {
				List<Row> chunk = new ArrayList<>(KVLimits.MAX_BULK_GET_KEYS);
				while (chunk.size() < KVLimits.MAX_BULK_GET_KEYS && this.source.hasNext()) {
					chunk.add(this.source.next());
				}
				this.batch = load(chunk, this.model, this.matches, this.stats).iterator();
			}
			return this.batch.hasNext();
		}

		@Override
		public Row next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.batch.next();
		}

	}

	// ---- iterators ----------------------------------------------------------------------------

	private static List<Row> drain(Iterator<Row> rows) {
		List<Row> all = new ArrayList<>();
		rows.forEachRemaining(all::add);
		return all;
	}

	private static Iterator<Row> filter(Iterator<Row> source, Predicate<Row> keep) {
		return new Iterator<>() {

			private @Nullable Row next;

			@Override
			public boolean hasNext() {
				while (this.next == null && source.hasNext()) {
					Row row = source.next();
					if (keep.test(row)) {
						this.next = row;
					}
				}
				return this.next != null;
			}

			@Override
			public Row next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				Row row = this.next;
				this.next = null;
				return Objects.requireNonNull(row);
			}

		};
	}

}
