package io.github.workerskv.kv.flags;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

import io.github.workerskv.kv.KVLimits;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@link FeatureFlags} and {@link FeatureFlagsAdmin} use a namespace. Immutable; every {@code with…}
 * returns a copy.
 *
 * <dl>
 * <dt>keyPrefix</dt><dd>{@code flags:}: documents live at {@code <prefix>global} and {@code <prefix>user:<id>}</dd>
 * <dt>mode</dt><dd>{@link DocumentMode#REPLACE}, as the Workers KV documentation's Worker reads them</dd>
 * <dt>refreshInterval</dt><dd>60 s (KV's own propagation time): how often the global document is read, and how
 * long a user's document is served before it is read again (in the background)</dd>
 * <dt>userCacheSize</dt><dd>10,000 user documents in memory; the least recently used go first</dd>
 * <dt>userLoadTimeout</dt><dd>1 s: how long the first evaluation for a user waits for that user's document
 * (later ones never wait); past it the global document answers, reason {@code STALE}</dd>
 * <dt>flagDefaults</dt><dd>none: the document used when neither the user's nor the global one exists (the Worker's
 * {@code DEFAULTS}), and the defaults of {@link FeatureFlags#getFlags(String, Class)}</dd>
 * <dt>clock</dt><dd>the system UTC clock: ages documents, stamps {@code $flagd.timestamp} and metadata</dd>
 * <dt>scheduler</dt><dd>{@code null}: the service runs refreshes on its own daemon thread, stopped on close; a
 * given scheduler is used and not shut down</dd>
 * <dt>listener</dt><dd>{@link FeatureFlagsListener#none()}</dd>
 * <dt>auditPrefix</dt><dd>{@code flags-audit:}: where the admin's audit entries live</dd>
 * <dt>auditRetention</dt><dd>90 days: the audit entries' expiration TTL</dd>
 * <dt>writeInterval</dt><dd>1 s: the admin writes one key at most once per interval (KV's limit), waiting with
 * the sleeper</dd>
 * </dl>
 */
public final class FeatureFlagsOptions {

	private static final FeatureFlagsOptions DEFAULTS = new FeatureFlagsOptions("flags:", DocumentMode.REPLACE,
			Duration.ofSeconds(60), 10_000, Duration.ofSeconds(1), Map.of(), Clock.systemUTC(), null,
			JsonMapper.builder().build(), FeatureFlagsListener.none(), "flags-audit:", Duration.ofDays(90),
			Duration.ofSeconds(1), Sleeper.threadSleep());

	private final String keyPrefix;

	private final DocumentMode mode;

	private final Duration refreshInterval;

	private final int userCacheSize;

	private final Duration userLoadTimeout;

	private final Map<String, JsonNode> defaults;

	private final Clock clock;

	private final @Nullable ScheduledExecutorService scheduler;

	private final JsonMapper jsonMapper;

	private final FeatureFlagsListener listener;

	private final String auditPrefix;

	private final Duration auditRetention;

	private final Duration writeInterval;

	private final Sleeper sleeper;

	private FeatureFlagsOptions(String keyPrefix, DocumentMode mode, Duration refreshInterval, int userCacheSize,
			Duration userLoadTimeout, Map<String, JsonNode> defaults, Clock clock,
			@Nullable ScheduledExecutorService scheduler, JsonMapper jsonMapper, FeatureFlagsListener listener,
			String auditPrefix, Duration auditRetention, Duration writeInterval, Sleeper sleeper) {
		this.keyPrefix = keyPrefix;
		this.mode = mode;
		this.refreshInterval = refreshInterval;
		this.userCacheSize = userCacheSize;
		this.userLoadTimeout = userLoadTimeout;
		this.defaults = defaults;
		this.clock = clock;
		this.scheduler = scheduler;
		this.jsonMapper = jsonMapper;
		this.listener = listener;
		this.auditPrefix = auditPrefix;
		this.auditRetention = auditRetention;
		this.writeInterval = writeInterval;
		this.sleeper = sleeper;
	}

	/** @return the defaults listed above */
	public static FeatureFlagsOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param keyPrefix the prefix of the document keys, such as {@code flags:} (may be empty)
	 * @return a copy with this prefix
	 * @throws io.github.workerskv.kv.InvalidKeyException if the keys it makes would be invalid
	 */
	public FeatureFlagsOptions withKeyPrefix(String keyPrefix) {
		Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
		KVLimits.checkKey(keyPrefix + "global");
		return copy(keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, this.auditPrefix, this.auditRetention,
				this.writeInterval, this.sleeper);
	}

	/** @return a copy with this document mode */
	public FeatureFlagsOptions withMode(DocumentMode mode) {
		return copy(this.keyPrefix, Objects.requireNonNull(mode, "mode must not be null"), this.refreshInterval,
				this.userCacheSize, this.userLoadTimeout, this.defaults, this.clock, this.scheduler, this.listener,
				this.auditPrefix, this.auditRetention, this.writeInterval, this.sleeper);
	}

	/**
	 * @param refreshInterval at least 1 s
	 * @return a copy with this refresh interval
	 */
	public FeatureFlagsOptions withRefreshInterval(Duration refreshInterval) {
		if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("refreshInterval must be at least 1s, was " + refreshInterval);
		}
		return copy(this.keyPrefix, this.mode, refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, this.auditPrefix, this.auditRetention,
				this.writeInterval, this.sleeper);
	}

	/**
	 * @param userCacheSize how many user documents to hold, at least 1
	 * @return a copy with this cache size
	 */
	public FeatureFlagsOptions withUserCacheSize(int userCacheSize) {
		if (userCacheSize < 1) {
			throw new IllegalArgumentException("userCacheSize must be at least 1, was " + userCacheSize);
		}
		return copy(this.keyPrefix, this.mode, this.refreshInterval, userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, this.auditPrefix, this.auditRetention,
				this.writeInterval, this.sleeper);
	}

	/**
	 * @param userLoadTimeout how long a user's first evaluation waits for their document (0 or more)
	 * @return a copy with this timeout
	 */
	public FeatureFlagsOptions withUserLoadTimeout(Duration userLoadTimeout) {
		if (userLoadTimeout.isNegative()) {
			throw new IllegalArgumentException("userLoadTimeout must not be negative, was " + userLoadTimeout);
		}
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, this.auditPrefix, this.auditRetention,
				this.writeInterval, this.sleeper);
	}

	/**
	 * @param defaults flag name to value (anything Jackson writes as JSON, flag definitions included)
	 * @return a copy with these built-in defaults
	 */
	public FeatureFlagsOptions withFlagDefaults(Map<String, ?> defaults) {
		Map<String, JsonNode> converted = new LinkedHashMap<>();
		defaults.forEach((name, value) -> converted.put(name, this.jsonMapper.valueToTree(value)));
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				Map.copyOf(converted), this.clock, this.scheduler, this.listener, this.auditPrefix,
				this.auditRetention, this.writeInterval, this.sleeper);
	}

	/** @return a copy with this clock */
	public FeatureFlagsOptions withClock(Clock clock) {
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, Objects.requireNonNull(clock, "clock must not be null"), this.scheduler, this.listener,
				this.auditPrefix, this.auditRetention, this.writeInterval, this.sleeper);
	}

	/**
	 * @param scheduler runs the background refreshes and user reads; the service does not shut it down
	 * @return a copy with this scheduler
	 */
	public FeatureFlagsOptions withScheduler(@Nullable ScheduledExecutorService scheduler) {
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, scheduler, this.listener, this.auditPrefix, this.auditRetention,
				this.writeInterval, this.sleeper);
	}

	/** @return a copy with this listener (more can be added with {@link FeatureFlags#addListener}) */
	public FeatureFlagsOptions withListener(FeatureFlagsListener listener) {
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, Objects.requireNonNull(listener, "listener must not be null"),
				this.auditPrefix, this.auditRetention, this.writeInterval, this.sleeper);
	}

	/**
	 * @param auditPrefix the prefix of audit entry keys; must differ from the document prefix
	 * @return a copy with this audit prefix
	 */
	public FeatureFlagsOptions withAuditPrefix(String auditPrefix) {
		KVLimits.checkKey(auditPrefix + "0");
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, auditPrefix, this.auditRetention,
				this.writeInterval, this.sleeper);
	}

	/**
	 * @param auditRetention how long audit entries live, at least 60 s (KV's shortest TTL)
	 * @return a copy with this retention
	 */
	public FeatureFlagsOptions withAuditRetention(Duration auditRetention) {
		KVLimits.checkExpirationTtl(auditRetention.getSeconds());
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, this.auditPrefix, auditRetention,
				this.writeInterval, this.sleeper);
	}

	/**
	 * @param writeInterval the least time between two admin writes of one key (0 turns pacing off)
	 * @param sleeper how to wait
	 * @return a copy with this pacing
	 */
	public FeatureFlagsOptions withWritePacing(Duration writeInterval, Sleeper sleeper) {
		if (writeInterval.isNegative()) {
			throw new IllegalArgumentException("writeInterval must not be negative, was " + writeInterval);
		}
		return copy(this.keyPrefix, this.mode, this.refreshInterval, this.userCacheSize, this.userLoadTimeout,
				this.defaults, this.clock, this.scheduler, this.listener, this.auditPrefix, this.auditRetention,
				writeInterval, Objects.requireNonNull(sleeper, "sleeper must not be null"));
	}

	private FeatureFlagsOptions copy(String keyPrefix, DocumentMode mode, Duration refreshInterval, int userCacheSize,
			Duration userLoadTimeout, Map<String, JsonNode> defaults, Clock clock,
			@Nullable ScheduledExecutorService scheduler, FeatureFlagsListener listener, String auditPrefix,
			Duration auditRetention, Duration writeInterval, Sleeper sleeper) {
		return new FeatureFlagsOptions(keyPrefix, mode, refreshInterval, userCacheSize, userLoadTimeout, defaults,
				clock, scheduler, this.jsonMapper, listener, auditPrefix, auditRetention, writeInterval, sleeper);
	}

	public String keyPrefix() {
		return this.keyPrefix;
	}

	/** @return the global document's key */
	public String globalKey() {
		return this.keyPrefix + "global";
	}

	/**
	 * @param userId the user's id
	 * @return that user's document key
	 */
	public String userKey(String userId) {
		return this.keyPrefix + "user:" + userId;
	}

	public DocumentMode mode() {
		return this.mode;
	}

	public Duration refreshInterval() {
		return this.refreshInterval;
	}

	public int userCacheSize() {
		return this.userCacheSize;
	}

	public Duration userLoadTimeout() {
		return this.userLoadTimeout;
	}

	public Map<String, JsonNode> flagDefaults() {
		return this.defaults;
	}

	public Clock clock() {
		return this.clock;
	}

	public @Nullable ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	public FeatureFlagsListener listener() {
		return this.listener;
	}

	public String auditPrefix() {
		return this.auditPrefix;
	}

	public Duration auditRetention() {
		return this.auditRetention;
	}

	public Duration writeInterval() {
		return this.writeInterval;
	}

	public Sleeper sleeper() {
		return this.sleeper;
	}

}
