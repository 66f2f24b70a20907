package io.github.workerskv.kv.flags;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVValidationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link FeatureFlags} over one namespace. */
final class DefaultFeatureFlags implements FeatureFlags {

	private static final Logger logger = LoggerFactory.getLogger(DefaultFeatureFlags.class);

	private final FeatureFlagsOptions options;

	private final DocumentReader reader;

	private final UserDocuments users;

	private final FlagDocument defaults;

	private final List<FeatureFlagsListener> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService scheduler;

	private final boolean ownScheduler;

	private final ScheduledFuture<?> refreshTask;

	private final Object stateLock = new Object();

	private final AtomicLong refreshes = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile @Nullable DocumentSnapshot global;

	private volatile @Nullable Instant staleSince;

	private volatile @Nullable String lastError;

	private volatile boolean attempted;

	private final MergedDocuments merged;

	DefaultFeatureFlags(KVNamespace namespace, FeatureFlagsOptions options) {
		this.options = options;
		this.reader = new DocumentReader(namespace, options.jsonMapper(), options.clock(), options.ruleEvaluation());
		ObjectNode defaultsJson = JsonNodeFactory.instance.objectNode();
		options.flagDefaults().forEach(defaultsJson::set);
		this.defaults = FlagDocument.parse(defaultsJson, options.ruleEvaluation());
		this.listeners.add(options.listener());
		ScheduledExecutorService given = options.scheduler();
		this.ownScheduler = given == null;
		this.scheduler = (given != null) ? given : Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "kv-flags-refresh");
			thread.setDaemon(true);
			return thread;
		});
		this.merged = new MergedDocuments(options.userCacheSize());
		this.users = new UserDocuments(options.userCacheSize(), this::readUser,
				(id, ex) -> failed(options.userKey(id), ex), this.scheduler, options.clock(), options.refreshInterval(),
				options.userLoadTimeout());
		refresh();
		long interval = options.refreshInterval().toMillis();
		this.refreshTask = this.scheduler.scheduleWithFixedDelay(this::refresh, interval, interval,
				TimeUnit.MILLISECONDS);
	}

	// A targeting key that makes no valid KV key (over 512 bytes, say) has no document: not a failure of KV.
	private DocumentSnapshot readUser(String userId) {
		String key = this.options.userKey(userId);
		try {
			KVLimits.checkKey(key);
		}
		catch (KVValidationException ex) {
			return new DocumentSnapshot(null, null, this.options.clock().instant());
		}
		return this.reader.read(key);
	}

	// ---- refresh ------------------------------------------------------------------------------

	@Override
	public void refresh() {
		String key = this.options.globalKey();
		DocumentSnapshot read;
		try {
			read = this.reader.read(key);
		}
		catch (RuntimeException ex) {
			failed(key, ex);
			return;
		}
		DocumentSnapshot previous = this.global;
		boolean changed = previous == null || !previous.sameAs(read);
		Instant wasStale;
		boolean wasError;
		synchronized (this.stateLock) {
			wasStale = this.staleSince;
			wasError = previous == null && this.attempted;
			this.global = read;
			this.staleSince = null;
			this.lastError = null;
			this.attempted = true;
		}
		this.refreshes.incrementAndGet();
		if (wasStale != null || wasError) {
			this.users.retryFailed();
			logger.info("Flag documents are read again from KV (failing since {})", wasStale);
			notifyListeners((listener) -> listener.recovered(wasStale));
		}
		notifyListeners((listener) -> listener.refreshed(read.version(), changed));
	}

	private void failed(String key, RuntimeException ex) {
		this.failures.incrementAndGet();
		boolean first;
		Instant now = this.options.clock().instant();
		synchronized (this.stateLock) {
			this.attempted = true;
			this.lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			first = this.staleSince == null;
			if (first) {
				this.staleSince = now;
			}
		}
		if (first) {
			logger.warn("Reading flag document '{}' failed; serving the last good documents until KV answers again "
					+ "(further failures are logged at debug level): {}", key, ex.toString());
			notifyListeners((listener) -> listener.stale(now));
		}
		else {
			logger.debug("Reading flag document '{}' failed again", key, ex);
		}
		notifyListeners((listener) -> listener.readFailed(key, ex));
	}

	// ---- evaluation ---------------------------------------------------------------------------

	@Override
	public boolean isEnabled(String flag, FlagContext context) {
		return getBooleanDetails(flag, false, context).value();
	}

	@Override
	public FlagEvaluation<Boolean> getBooleanDetails(String flag, boolean defaultValue, FlagContext context) {
		return evaluate(flag, FlagType.BOOLEAN, defaultValue, context, JsonNode::booleanValue);
	}

	@Override
	public FlagEvaluation<String> getStringDetails(String flag, String defaultValue, FlagContext context) {
		return evaluate(flag, FlagType.STRING, defaultValue, context, JsonNode::stringValue);
	}

	@Override
	public FlagEvaluation<Integer> getIntegerDetails(String flag, int defaultValue, FlagContext context) {
		return evaluate(flag, FlagType.INTEGER, defaultValue, context, (node) -> (int) node.doubleValue());
	}

	@Override
	public FlagEvaluation<Double> getDoubleDetails(String flag, double defaultValue, FlagContext context) {
		return evaluate(flag, FlagType.DOUBLE, defaultValue, context, JsonNode::doubleValue);
	}

	@Override
	public FlagEvaluation<JsonNode> getObjectDetails(String flag, JsonNode defaultValue, FlagContext context) {
		return evaluate(flag, FlagType.OBJECT, defaultValue, context, (node) -> node);
	}

	@Override
	public <T> T getObject(String flag, Class<T> type, T defaultValue, FlagContext context) {
		FlagEvaluation<JsonNode> evaluation = evaluate(flag, FlagType.OBJECT, JsonNodeFactory.instance.missingNode(),
				context, (node) -> node);
		if (evaluation.value().isMissingNode()) {
			return defaultValue;
		}
		try {
			return this.options.jsonMapper().treeToValue(evaluation.value(), type);
		}
		catch (RuntimeException ex) {
			return defaultValue;
		}
	}

	<T> FlagEvaluation<T> evaluate(String flag, FlagType type, T defaultValue, FlagContext context,
			Function<JsonNode, T> convert) {
		FlagEvaluation<T> evaluation;
		try {
			evaluation = resolve(flag, context).as(flag, type, defaultValue, convert);
		}
		catch (RuntimeException ex) {
			evaluation = new FlagEvaluation<>(defaultValue, null, FlagReason.ERROR, FlagErrorCode.GENERAL,
					ex.toString());
		}
		FlagEvaluation<T> result = evaluation;
		notifyListeners((listener) -> listener.evaluated(flag, result));
		return result;
	}

	@Override
	public Map<String, FlagEvaluation<JsonNode>> evaluateAll(FlagContext context) {
		Map<String, FlagEvaluation<JsonNode>> all = new LinkedHashMap<>();
		Source source;
		try {
			source = source(context);
		}
		catch (RuntimeException ex) {
			logger.warn("Choosing the flag document for {} failed", context, ex);
			return all;
		}
		Instant now = this.options.clock().instant();
		JsonNode none = JsonNodeFactory.instance.nullNode();
		for (String flag : source.document().flagNames()) {
			FlagEvaluation<JsonNode> evaluation;
			try {
				evaluation = resolve(source, flag, context, now).as(flag, FlagType.ANY, none, (node) -> node);
			}
			catch (RuntimeException ex) {
				evaluation = new FlagEvaluation<>(none, null, FlagReason.ERROR, FlagErrorCode.GENERAL, ex.toString());
			}
			FlagEvaluation<JsonNode> result = evaluation;
			all.put(flag, result);
			notifyListeners((listener) -> listener.evaluated(flag, result));
		}
		return all;
	}

	private Resolution resolve(String flag, FlagContext context) {
		return resolve(source(context), flag, context, this.options.clock().instant());
	}

	private static Resolution resolve(Source source, String flag, FlagContext context, Instant now) {
		Resolution resolution = source.document().resolve(flag, context.ruleData(), now);
		String notReady = source.notReady();
		if (notReady != null) {
			return new Resolution(resolution.value(), resolution.variant(), FlagReason.ERROR,
					FlagErrorCode.PROVIDER_NOT_READY, notReady);
		}
		return source.stale() ? resolution.withReason(FlagReason.STALE) : resolution;
	}

	private Source source(FlagContext context) {
		DocumentSnapshot current = this.global;
		if (current == null) {
			String message = this.attempted ? "no flag document has been read yet: " + this.lastError
					: "no flag document has been read yet";
			return new Source(this.defaults, false, message);
		}
		String userId = context.targetingKey();
		DocumentSnapshot user = (userId != null) ? this.users.get(userId) : null;
		boolean userUnknown = userId != null && user == null;
		return new Source(choose(current, userId, user), this.staleSince != null || userUnknown, null);
	}

	/**
	 * The document that answers a context: stale while reads fail (or the user's document could not be read);
	 * before any read succeeded, the defaults, with why they answer.
	 */
	private record Source(FlagDocument document, boolean stale, @Nullable String notReady) {
	}

	// The Worker's `user ?? global ?? DEFAULTS` (replace), or the global document with the user's laid over it (merge).
	private FlagDocument choose(DocumentSnapshot global, @Nullable String userId, @Nullable DocumentSnapshot user) {
		FlagDocument userDocument = (user != null) ? user.document() : null;
		FlagDocument globalDocument = global.document();
		if (userDocument == null || userId == null) {
			return (globalDocument != null) ? globalDocument : this.defaults;
		}
		if (this.options.mode() == DocumentMode.REPLACE) {
			return userDocument;
		}
		return this.merged.get(userId, (globalDocument != null) ? globalDocument : FlagDocument.EMPTY, userDocument);
	}

	// ---- records ------------------------------------------------------------------------------

	@Override
	public <R extends Record> R getFlags(@Nullable String userId, Class<R> type) {
		return bind(FlagContext.of(userId), type, (component) -> {
			JsonNode configured = this.options.flagDefaults().get(flagName(component));
			if (configured != null && !configured.isNull()) {
				try {
					return this.options.jsonMapper().treeToValue(configured, component.getType());
				}
				catch (RuntimeException ex) {
					// A default of another type: fall through to the zero value.
				}
			}
			return zero(component.getType());
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	public <R extends Record> R getFlags(FlagContext context, R defaults) {
		return bind(context, (Class<R>) defaults.getClass(), (component) -> {
			try {
				return component.getAccessor().invoke(defaults);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalArgumentException("cannot read " + component + " of " + defaults.getClass(), ex);
			}
		});
	}

	private <R extends Record> R bind(FlagContext context, Class<R> type, Function<RecordComponent, Object> defaults) {
		RecordComponent[] components = type.getRecordComponents();
		Object[] values = new Object[components.length];
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			types[i] = component.getType();
			values[i] = value(component, flagName(component), defaults.apply(component), context);
		}
		try {
			Constructor<R> constructor = type.getDeclaredConstructor(types);
			constructor.setAccessible(true);
			return constructor.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalArgumentException("cannot create " + type.getName() + " from its flags", ex);
		}
	}

	// The caller's default may be null (a String or object component without a default): it is passed on as is.
	@SuppressWarnings({ "NullAway", "unchecked" })
	private @Nullable Object value(RecordComponent component, String flag, @Nullable Object defaultValue,
			FlagContext context) {
		Class<?> type = component.getType();
		if (type == boolean.class || type == Boolean.class) {
			return getBooleanDetails(flag, Boolean.TRUE.equals(defaultValue), context).value();
		}
		if (type == String.class) {
			FlagEvaluation<String> e = evaluate(flag, FlagType.STRING, (String) defaultValue, context,
					JsonNode::stringValue);
			return e.value();
		}
		if (type == int.class || type == Integer.class) {
			return getIntegerDetails(flag, (defaultValue != null) ? (Integer) defaultValue : 0, context).value();
		}
		if (type == long.class || type == Long.class) {
			return evaluate(flag, FlagType.DOUBLE, (defaultValue != null) ? (Long) defaultValue : 0L, context,
					(node) -> (long) node.doubleValue()).value();
		}
		if (type == double.class || type == Double.class) {
			return getDoubleDetails(flag, (defaultValue != null) ? (Double) defaultValue : 0.0, context).value();
		}
		if (type == JsonNode.class) {
			return evaluate(flag, FlagType.OBJECT, (JsonNode) defaultValue, context, (node) -> node).value();
		}
		return getObject(flag, (Class<Object>) type, defaultValue, context);
	}

	private static String flagName(RecordComponent component) {
		Flag name = component.getAnnotation(Flag.class);
		return (name != null) ? name.value() : component.getName();
	}

	private static @Nullable Object zero(Class<?> type) {
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class) {
			return 0;
		}
		if (type == long.class) {
			return 0L;
		}
		if (type == double.class) {
			return 0.0;
		}
		return null;
	}

	// ---- state --------------------------------------------------------------------------------

	@Override
	public void invalidateUser(String userId) {
		this.users.invalidate(userId);
		this.merged.invalidate(userId);
	}

	@Override
	public void documentWritten(String key) {
		if (key.equals(this.options.globalKey())) {
			refresh();
			return;
		}
		String userPrefix = this.options.userKey("");
		if (key.startsWith(userPrefix)) {
			invalidateUser(key.substring(userPrefix.length()));
		}
	}

	@Override
	public FlagsState state() {
		synchronized (this.stateLock) {
			DocumentSnapshot current = this.global;
			FlagsState.Status status;
			if (current == null) {
				status = this.attempted ? FlagsState.Status.ERROR : FlagsState.Status.STARTING;
			}
			else {
				status = (this.staleSince != null) ? FlagsState.Status.STALE : FlagsState.Status.READY;
			}
			return new FlagsState(status, (current != null) ? current.version() : null,
					(current != null) ? current.readAt() : null, this.staleSince, this.lastError, this.refreshes.get(),
					this.failures.get(), this.users.size());
		}
	}

	@Override
	public AutoCloseable addListener(FeatureFlagsListener listener) {
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	private void notifyListeners(Consumer<FeatureFlagsListener> event) {
		for (FeatureFlagsListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("A flag listener failed", ex);
			}
		}
	}

	@Override
	public void close() {
		this.refreshTask.cancel(false);
		if (this.ownScheduler) {
			this.scheduler.shutdownNow();
		}
	}

	@Override
	public String toString() {
		return "FeatureFlags[" + this.options.globalKey() + ", " + state().status() + "]";
	}

}
