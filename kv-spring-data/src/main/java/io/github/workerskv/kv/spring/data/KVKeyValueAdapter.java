package io.github.workerskv.kv.spring.data;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVKey;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.ListResult;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.keyvalue.core.AbstractKeyValueAdapter;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentEntity;
import org.springframework.data.keyvalue.core.query.KeyValueQuery;
import org.springframework.data.keyvalue.core.mapping.KeyValuePersistentProperty;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.util.CloseableIterator;

/**
 * A Spring Data KeyValue adapter that keeps entities in one {@link KVNamespace}.
 *
 * <p><b>Layout.</b> Key {@code <keyspace><separator><id>} (separator {@code ":"} by default, at most 512
 * UTF-8 bytes); value the entity as plain JSON; metadata {@code {"idx":{…},"exp":…}} with the
 * {@link Indexed} properties and the logical expiry (see {@link EntityCodec}).
 *
 * <p><b>Cost in KV requests</b> (N keys in the keyspace, C candidates left after the indexed conditions,
 * R rows returned):
 * <ul>
 * <li>{@code findById}, {@code existsById}: 1 read. {@code findAllById}: 1 bulk read per 100 ids.</li>
 * <li>{@code save}: 1 read (the previous value, for {@code @Version}, auditing and the update event) and 1
 * write; an insert of a new entity with a null {@code @Version} reads twice (Spring's template checks
 * the key first). {@code delete}: 1 read and 1 delete.</li>
 * <li>{@code count()}, {@code countBy}/{@code existsBy} on indexed properties: ⌈N/1000⌉ lists, no value
 * reads ({@code existsBy} and unsorted finds stop at the first page that answers).</li>
 * <li>{@code findBy} on indexed properties, sorted on indexed properties or unsorted: ⌈N/1000⌉ lists at
 * most, plus ⌈R/100⌉ bulk reads.</li>
 * <li>Criteria or sorts on other properties: the lists, plus ⌈C/100⌉ bulk reads, logged at debug level.</li>
 * <li>A {@code Page} lists the whole keyspace for its total; a {@code Slice} or {@code Window} stops as soon
 * as it is full; an unsorted keyset {@code Window} resumes from the KV cursor of its last row.</li>
 * <li>{@code deleteAll()}: ⌈N/1000⌉ lists and as many bulk deletes (one per listed page).</li>
 * </ul>
 *
 * <p><b>Consistency.</b> KV is eventually consistent (a write can take about 60 seconds to be seen
 * everywhere, and a list can lag a read) and has no compare-and-set: {@code @Version} is checked by
 * reading before writing, so two writers within the same moment can both pass the check and the last
 * write wins. KV also allows one write per second to the same key.
 *
 * <p>{@link #clear()} does nothing: Spring's template calls it when the application context closes, and
 * data in KV outlives the application. Use {@link #deleteAllOf(String)} per keyspace.
 */
public final class KVKeyValueAdapter extends AbstractKeyValueAdapter {

	private final KVNamespace namespace;

	private final MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> context;

	private final KVRepositoryOptions options;

	private final ConversionService conversion = DefaultConversionService.getSharedInstance();

	private final EntityKeys keys;

	private final EntityCodec codec;

	private final QueryRunner runner;

	private final Map<Class<?>, EntityModel> models = new ConcurrentHashMap<>();

	private final Map<String, Class<?>> keyspaceTypes = new ConcurrentHashMap<>();

	private volatile EntityCallbacks callbacks = EntityCallbacks.create();

	/**
	 * @param namespace where entities live
	 * @param context the mapping context of the template that uses this adapter
	 * @param options key separator, mapper, clock and default times to live
	 */
	public KVKeyValueAdapter(KVNamespace namespace,
			MappingContext<? extends KeyValuePersistentEntity<?, ?>, ? extends KeyValuePersistentProperty<?>> context,
			KVRepositoryOptions options) {
		super(new KVQueryEngine());
		this.namespace = Objects.requireNonNull(namespace, "namespace must not be null");
		this.context = Objects.requireNonNull(context, "context must not be null");
		this.options = Objects.requireNonNull(options, "options must not be null");
		this.keys = new EntityKeys(options.keySeparator(), this.conversion);
		this.codec = new EntityCodec(options.jsonMapper());
		this.runner = new QueryRunner(namespace, this.keys, this.codec, this.conversion, options.clock());
	}

	/**
	 * @param callbacks the callbacks to run before each write ({@link BeforeKVWriteCallback})
	 */
	public void setEntityCallbacks(EntityCallbacks callbacks) {
		this.callbacks = Objects.requireNonNull(callbacks, "callbacks must not be null");
	}

	/** @return the namespace entities live in */
	public KVNamespace getNamespace() {
		return this.namespace;
	}

	/** @return the options */
	public KVRepositoryOptions getOptions() {
		return this.options;
	}

	// ---- single entities -----------------------------------------------------------------------

	/**
	 * Writes an entity, after checking its {@code @Version} against the stored one and running the
	 * {@link BeforeKVWriteCallback}s; sets the next version on the entity.
	 * @return the entity stored before, or {@code null}
	 * @throws OptimisticLockingFailureException if the stored version is not the entity's
	 * @throws InvalidEntityKeyException if the key would break KV's limits
	 * @throws IndexMetadataTooLargeException if the indexed values exceed 1024 bytes of metadata
	 */
	@Override
	public @Nullable Object put(Object id, Object item, String keyspace) {
		EntityModel model = model(item.getClass());
		this.keyspaceTypes.putIfAbsent(keyspace, item.getClass());
		String key = this.keys.key(keyspace, id, model.type().getName());
		String previousJson = readLive(key);
		Object previous = (previousJson != null) ? this.codec.entity(previousJson, model.type(), key) : null;
		Object entity = item;
		Object storedVersion = null;
		if (model.hasVersion()) {
			storedVersion = (previous != null) ? model.version(previous) : null;
			checkVersion(model, id, model.version(entity), storedVersion, previous != null);
		}
		entity = this.callbacks.callback(BeforeKVWriteCallback.class, entity, keyspace, previous != null);
		if (model.hasVersion()) {
			entity = model.nextVersion(entity, storedVersion, this.conversion);
		}
		Long ttlMillis = timeToLiveMillis(model, entity, keyspace);
		Long expiresAt = (ttlMillis != null) ? Math.addExact(this.options.clock().millis(), ttlMillis) : null;
		ObjectNode metadata = this.codec.metadata(model, entity, id, expiresAt);
		PutOptions put = PutOptions.none();
		if (metadata != null) {
			put = put.withMetadata(metadata);
		}
		if (ttlMillis != null) {
			put = put.withExpirationTtl(expirationTtlSeconds(ttlMillis));
		}
		this.namespace.put(key, this.codec.value(entity), put);
		return previous;
	}

	private static void checkVersion(EntityModel model, Object id, @Nullable Object version,
			@Nullable Object stored, boolean exists) {
		boolean isNew = version == null || (version instanceof Number n && n.longValue() == 0 && stored == null);
		if (exists && isNew) {
			throw new OptimisticLockingFailureException(model.type().getName() + " with id '" + id
					+ "' already exists with version " + stored + ", but this copy has none: load it before saving");
		}
		if (!exists && !isNew) {
			throw new OptimisticLockingFailureException(model.type().getName() + " with id '" + id + "' has version "
					+ version + " but is no longer in KV: it was deleted or has expired");
		}
		boolean same = version instanceof Number mine && stored instanceof Number theirs
				&& mine.longValue() == theirs.longValue();
		if (exists && !same) {
			throw new OptimisticLockingFailureException(model.type().getName() + " with id '" + id
					+ "' was changed since it was read: KV holds version " + stored + ", this copy has version "
					+ version + ". Reload and retry; note that KV has no compare-and-set, so writers racing "
					+ "within the same moment are not detected");
		}
	}

	private @Nullable Long timeToLiveMillis(EntityModel model, Object entity, String keyspace) {
		Long own = model.timeToLiveMillis(entity);
		if (own == null) {
			Duration ttl = this.options.timeToLive(keyspace);
			return (ttl != null) ? ttl.toMillis() : null;
		}
		return (own > 0) ? own : null;
	}

	/** KV's expiration_ttl: whole seconds rounded up, and never under KV's 60 second minimum. */
	static long expirationTtlSeconds(long ttlMillis) {
		long seconds = ttlMillis / 1000 + ((ttlMillis % 1000 > 0) ? 1 : 0);
		return Math.max(seconds, KVLimits.MIN_EXPIRATION_TTL_SECONDS);
	}

	/** @return one read, never a value of an expired entity */
	@Override
	public boolean contains(Object id, String keyspace) {
		return readLive(this.keys.key(keyspace, id, typeName(keyspace))) != null;
	}

	@Override
	public @Nullable Object get(Object id, String keyspace) {
		return get(id, keyspace, typeOf(keyspace));
	}

	@Override
	public <T> @Nullable T get(Object id, String keyspace, Class<T> type) {
		this.keyspaceTypes.putIfAbsent(keyspace, type);
		String key = this.keys.key(keyspace, id, type.getName());
		String json = readLive(key);
		return (json != null) ? this.codec.entity(json, type, key) : null;
	}

	/** @return the value of a key unless it is missing or past its logical expiry */
	private @Nullable String readLive(String key) {
		ValueWithMetadata<String> stored = this.namespace.getWithMetadata(key, ValueType.text(), GetOptions.defaults());
		if (stored == null) {
			return null;
		}
		Long expiresAt = EntityCodec.expiresAt(stored.metadata());
		return (expiresAt != null && this.options.clock().millis() >= expiresAt) ? null : stored.value();
	}

	@Override
	public @Nullable Object delete(Object id, String keyspace) {
		return delete(id, keyspace, typeOf(keyspace));
	}

	@Override
	public <T> @Nullable T delete(Object id, String keyspace, Class<T> type) {
		T previous = get(id, keyspace, type);
		if (previous != null) {
			deleteKeys(List.of(this.keys.key(keyspace, id, type.getName())));
		}
		return previous;
	}

	/**
	 * Reads entities by id with bulk gets, 100 ids per request.
	 * @param ids the ids
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the entities found, in the order of the ids (duplicates once), missing and expired ones left out
	 */
	public <T> List<T> findAllById(Iterable<?> ids, Class<T> type) {
		EntityModel model = model(type);
		Map<String, Boolean> keys = new LinkedHashMap<>();
		for (Object id : ids) {
			keys.put(this.keys.key(model.keyspace(), id, type.getName()), Boolean.TRUE);
		}
		List<String> all = new ArrayList<>(keys.keySet());
		List<T> found = new ArrayList<>(all.size());
		long now = this.options.clock().millis();
		for (int from = 0; from < all.size(); from += KVLimits.MAX_BULK_GET_KEYS) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + KVLimits.MAX_BULK_GET_KEYS));
			Map<String, @Nullable ValueWithMetadata<String>> values = this.namespace.getWithMetadata(chunk,
					ValueType.text(), GetOptions.defaults());
			for (String key : chunk) {
				ValueWithMetadata<String> value = values.get(key);
				Long expiresAt = (value != null) ? EntityCodec.expiresAt(value.metadata()) : null;
				if (value != null && (expiresAt == null || now < expiresAt)) {
					found.add(this.codec.entity(value.value(), type, key));
				}
			}
		}
		return found;
	}

	// ---- whole keyspaces -----------------------------------------------------------------------

	/** Needs a known type for the keyspace, unless the keyspace is empty. */
	@Override
	@SuppressWarnings("unchecked")
	public Iterable<Object> getAllOf(String keyspace) {
		return isUnknownAndEmpty(keyspace) ? List.of() : (Iterable<Object>) getAllOf(keyspace, typeOf(keyspace));
	}

	@Override
	public <T> Iterable<T> getAllOf(String keyspace, Class<T> type) {
		return find(null, Sort.unsorted(), -1, -1, keyspace, type);
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public CloseableIterator<Map.Entry<Object, Object>> entries(String keyspace) {
		if (isUnknownAndEmpty(keyspace)) {
			return (CloseableIterator) iterator(List.of());
		}
		return (CloseableIterator) entries(keyspace, typeOf(keyspace));
	}

	private boolean isUnknownAndEmpty(String keyspace) {
		if (this.keyspaceTypes.containsKey(keyspace)) {
			return false;
		}
		return this.namespace.list(ListOptions.defaults().withPrefix(this.keys.prefix(keyspace)).withLimit(1))
			.keys()
			.isEmpty();
	}

	/** Reads the whole keyspace before iterating: one list per 1,000 keys and one bulk read per 100. */
	@Override
	public <T> CloseableIterator<Map.Entry<Object, T>> entries(String keyspace, Class<T> type) {
		EntityModel model = model(type);
		List<Map.Entry<Object, T>> entries = new ArrayList<>();
		for (T entity : find(null, Sort.unsorted(), -1, -1, keyspace, type)) {
			entries.add(new AbstractMap.SimpleImmutableEntry<>(model.id(entity), entity));
		}
		return iterator(entries);
	}

	private static <E> CloseableIterator<E> iterator(List<E> elements) {
		var iterator = elements.iterator();
		return new CloseableIterator<>() {

			@Override
			public boolean hasNext() {
				return iterator.hasNext();
			}

			@Override
			public E next() {
				return iterator.next();
			}

			@Override
			public void close() {
			}

		};
	}

	/** Lists the keyspace page by page and deletes each page's keys, expired ones included. */
	@Override
	public void deleteAllOf(String keyspace) {
		ListOptions list = ListOptions.defaults().withPrefix(this.keys.prefix(keyspace));
		while (true) {
			ListResult page = this.namespace.list(list);
			deleteKeys(page.keys().stream().map(KVKey::name).toList());
			if (page.listComplete() || page.cursor() == null) {
				return;
			}
			list = list.withCursor(page.cursor());
		}
	}

	/** Does nothing: KV data outlives the application (see the class description). */
	@Override
	public void clear() {
	}

	/** @return the live entities of the keyspace, counted from listings alone */
	@Override
	public long count(String keyspace) {
		QueryStats stats = new QueryStats();
		KeyspaceScan scan = new KeyspaceScan(this.namespace, this.keys.prefix(keyspace), null,
				this.options.clock().millis(), stats);
		long count = 0;
		while (scan.hasNext()) {
			scan.next();
			count++;
		}
		return count;
	}

	@Override
	public void destroy() {
	}

	/**
	 * The one place keys are deleted: one bulk delete (a single request over the REST API for up to 10,000
	 * keys). Keys KV did not confirm fail the call, naming how many and the first of them, so that the
	 * caller can delete again (deleting a missing key is not an error).
	 */
	private void deleteKeys(List<String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		BulkResult result = this.namespace.bulkDelete(keys);
		if (!result.isComplete()) {
			List<String> unconfirmed = result.unsuccessfulKeys();
			throw new TransientDataAccessResourceException("KV did not confirm the deletion of " + unconfirmed.size()
					+ " of " + keys.size() + " key(s) of namespace '" + this.namespace.name() + "', among them "
					+ unconfirmed.subList(0, Math.min(5, unconfirmed.size())) + ": delete them again");
		}
	}

	// ---- queries -------------------------------------------------------------------------------

	<T> List<T> find(@Nullable KVCriteria criteria, @Nullable Sort sort, long offset, int rows, String keyspace,
			@Nullable Class<T> type) {
		EntityModel model = model((type != null) ? type : typeOf(keyspace));
		checkKeyspace(model, keyspace);
		QueryRunner.Result result = this.runner.run(new QueryRunner.Request(model, criteria,
				(sort != null) ? sort : Sort.unsorted(), Math.max(offset, 0), rows, null, false));
		return entities(result);
	}

	/** @return whether a live entity matches; stops at the first match, reading no value on indexed criteria */
	@Override
	public boolean exists(KeyValueQuery<?> query, String keyspace) {
		EntityModel model = model(typeOf(keyspace));
		return this.runner
			.run(new QueryRunner.Request(model, KVQueryEngine.criteria(query), Sort.unsorted(), 0, 0, null, false))
			.hasMore();
	}

	long count(@Nullable KVCriteria criteria, String keyspace) {
		if (criteria == null) {
			return count(keyspace);
		}
		EntityModel model = model(typeOf(keyspace));
		return this.runner.run(new QueryRunner.Request(model, criteria, Sort.unsorted(), 0, 0, null, true)).total();
	}

	/**
	 * One page and its total, from one listing of the keyspace.
	 * @param criteria the criteria, or {@code null} for all
	 * @param pageable the page and its sort
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the page
	 */
	public <T> Page<T> findPage(@Nullable KVCriteria criteria, Pageable pageable, Class<T> type) {
		EntityModel model = model(type);
		QueryRunner.Result result = this.runner.run(new QueryRunner.Request(model, criteria, pageable.getSort(),
				pageable.isPaged() ? pageable.getOffset() : 0, pageable.isPaged() ? pageable.getPageSize() : -1, null,
				true));
		return new PageImpl<>(KVKeyValueAdapter.<T>entities(result), pageable, result.total());
	}

	/**
	 * One slice: lists only as far as it needs to tell whether another slice follows.
	 * @param criteria the criteria, or {@code null} for all
	 * @param pageable the slice and its sort
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the slice
	 */
	public <T> Slice<T> findSlice(@Nullable KVCriteria criteria, Pageable pageable, Class<T> type) {
		EntityModel model = model(type);
		QueryRunner.Result result = this.runner.run(new QueryRunner.Request(model, criteria, pageable.getSort(),
				pageable.isPaged() ? pageable.getOffset() : 0, pageable.isPaged() ? pageable.getPageSize() : -1, null,
				false));
		return new SliceImpl<>(KVKeyValueAdapter.<T>entities(result), pageable, result.hasMore());
	}

	/**
	 * One window of a scroll. Offset positions skip rows; keyset positions continue after (or, scrolling
	 * backward, before) a row, comparing sort values and then the key. Unsorted keyset windows follow KV's
	 * key order and carry the list cursor of their rows ({@value QueryRunner#CURSOR_KEY}), so the next
	 * window lists from there instead of from the start.
	 * @param criteria the criteria, or {@code null} for all
	 * @param sort the order
	 * @param position where to start
	 * @param limit the most rows, or -1 for all
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the window
	 */
	public <T> Window<T> scroll(@Nullable KVCriteria criteria, Sort sort, ScrollPosition position, int limit,
			Class<T> type) {
		EntityModel model = model(type);
		if (position instanceof OffsetScrollPosition offset) {
			long start = offset.isInitial() ? 0 : offset.getOffset() + 1;
			QueryRunner.Result result = this.runner
				.run(new QueryRunner.Request(model, criteria, sort, start, limit, null, false));
			return Window.from(KVKeyValueAdapter.<T>entities(result), OffsetScrollPosition.positionFunction(start),
					result.hasMore());
		}
		if (!(position instanceof KeysetScrollPosition keyset)) {
			throw new InvalidDataAccessApiUsageException("Unknown scroll position " + position);
		}
		QueryRunner.Result result = this.runner
			.run(new QueryRunner.Request(model, criteria, sort, 0, limit, keyset, false));
		List<Row> rows = result.rows();
		String prefix = this.keys.prefix(model.keyspace());
		return Window.from(KVKeyValueAdapter.<T>entities(result), (index) -> {
			Row row = rows.get(index);
			Map<String, @Nullable Object> keysetKeys = new LinkedHashMap<>();
			for (Sort.Order order : sort) {
				keysetKeys.put(order.getProperty(), model.value(row.loadedEntity(), order.getProperty()));
			}
			keysetKeys.put(model.idName(), this.keys.id(row.key(), prefix, model.idType()));
			if (sort.isUnsorted() && keyset.scrollsForward() && row.pageCursor() != null) {
				keysetKeys.put(QueryRunner.CURSOR_KEY, row.pageCursor());
			}
			return ScrollPosition.of(keysetKeys, keyset.getDirection());
		}, result.hasMore());
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> entities(QueryRunner.Result result) {
		List<T> entities = new ArrayList<>(result.rows().size());
		for (Row row : result.rows()) {
			entities.add((T) row.entity());
		}
		return entities;
	}

	// ---- types ---------------------------------------------------------------------------------

	EntityModel model(Class<?> type) {
		return this.models.computeIfAbsent(type, (t) -> new EntityModel(t, this.context, this.options.jsonMapper()));
	}

	private void checkKeyspace(EntityModel model, String keyspace) {
		if (!model.keyspace().equals(keyspace)) {
			throw new InvalidDataAccessApiUsageException("Keyspace '" + keyspace + "' is not the keyspace '"
					+ model.keyspace() + "' of " + model.type().getName());
		}
	}

	private Class<?> typeOf(String keyspace) {
		Class<?> known = this.keyspaceTypes.get(keyspace);
		if (known != null) {
			return known;
		}
		for (KeyValuePersistentEntity<?, ?> entity : this.context.getPersistentEntities()) {
			if (keyspace.equals(entity.getKeySpace()) && entity.hasIdProperty()) {
				this.keyspaceTypes.putIfAbsent(keyspace, entity.getType());
				return entity.getType();
			}
		}
		throw new InvalidDataAccessApiUsageException("No entity type is known for keyspace '" + keyspace
				+ "': pass the type (get(id, keyspace, type)), or save an entity of the keyspace first");
	}

	private String typeName(String keyspace) {
		Class<?> known = this.keyspaceTypes.get(keyspace);
		return (known != null) ? known.getName() : "an entity of keyspace '" + keyspace + "'";
	}

	@Override
	public String toString() {
		return "KVKeyValueAdapter[" + this.namespace + ", " + this.options + "]";
	}

}
