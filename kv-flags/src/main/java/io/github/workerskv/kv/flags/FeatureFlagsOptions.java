package io.github.workerskv.kv.flags;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.KVValidationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@link FeatureFlags} and {@link FeatureFlagsAdmin} use a namespace. Immutable; start from
 * {@link #defaults()}; every {@code with…} returns a copy and refuses a value outside its range with an
 * {@link InvalidOptionException} whose {@link InvalidOptionException#option() option()} names it.
 *
 * <dl>
 * <dt>keyPrefix</dt><dd>{@code flags:}: documents live at {@code <prefix>global} and {@code <prefix>user:<id>}</dd>
 * <dt>mode</dt><dd>{@link DocumentMode#REPLACE}, as the Workers KV documentation's Worker reads them</dd>
 * <dt>refreshInterval</dt><dd>60 s (KV's own propagation time): how often the global document is read, and how
 * long a user's document is served before it is read again (in the background)</dd>
 * <dt>ruleEvaluation</dt><dd>{@link RuleEvaluation#INTERPRETED}: targeting rules answer as flagd-core answers them in
 * a Worker</dd>
 * <dt>userCacheSize</dt><dd>10,000 user documents in memory; the least recently used go first</dd>
 * <dt>userLoadTimeout</dt><dd>1 s: how long the first evaluation for a user waits for that user's document
 * (later ones never wait); past it the global document answers, reason {@code STALE}</dd>
 * <dt>flagDefaults</dt><dd>none: the document used when neither the user's nor the global one exists (the Worker's
 * {@code DEFAULTS}), and the defaults of {@link FeatureFlags#getFlags(String, Class)}</dd>
 * <dt>clock</dt><dd>the system UTC clock: ages documents, stamps {@code $flagd.timestamp} and metadata</dd>
 * <dt>scheduler</dt><dd>{@code null}: the service runs refreshes on its own daemon thread, stopped on close; a
 * given scheduler is used and not shut down</dd>
 * <dt>jsonMapper</dt><dd>a default {@link JsonMapper}: reads documents, converts defaults, binds object flags</dd>
 * <dt>listener</dt><dd>{@link FeatureFlagsListener#none()}: told of evaluations, refreshes, failures and admin
 * writes</dd>
 * <dt>auditPrefix</dt><dd>{@code flags-audit:}: where the admin's audit entries live</dd>
 * <dt>auditRetention</dt><dd>90 days: the audit entries' expiration TTL</dd>
 * <dt>writeInterval</dt><dd>1 s: the admin writes one key at most once per interval (KV's limit), waiting with
 * the sleeper</dd>
 * </dl>
 */
public final class FeatureFlagsOptions {

	private static final FeatureFlagsOptions DEFAULTS = new FeatureFlagsOptions(new Settings());

	private final String keyPrefix;

	private final DocumentMode mode;

	private final Duration refreshInterval;

	private final int userCacheSize;

	private final RuleEvaluation ruleEvaluation;

	private final Duration userLoadTimeout;

	private final Map<String, JsonNode> flagDefaults;

	private final Clock clock;

	private final @Nullable ScheduledExecutorService scheduler;

	private final JsonMapper jsonMapper;

	private final FeatureFlagsListener listener;

	private final String auditPrefix;

	private final Duration auditRetention;

	private final Duration writeInterval;

	private final Sleeper sleeper;

	private FeatureFlagsOptions(Settings settings) {
		this.keyPrefix = settings.keyPrefix;
		this.mode = settings.mode;
		this.refreshInterval = settings.refreshInterval;
		this.userCacheSize = settings.userCacheSize;
		this.ruleEvaluation = settings.ruleEvaluation;
		this.userLoadTimeout = settings.userLoadTimeout;
		this.flagDefaults = settings.flagDefaults;
		this.clock = settings.clock;
		this.scheduler = settings.scheduler;
		this.jsonMapper = settings.jsonMapper;
		this.listener = settings.listener;
		this.auditPrefix = settings.auditPrefix;
		this.auditRetention = settings.auditRetention;
		this.writeInterval = settings.writeInterval;
		this.sleeper = settings.sleeper;
	}

	/** @return the defaults listed above */
	public static FeatureFlagsOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param keyPrefix the prefix of the document keys, such as {@code flags:} (may be empty)
	 * @return a copy with this prefix
	 * @throws InvalidOptionException if the keys it makes would be invalid KV keys
	 */
	public FeatureFlagsOptions withKeyPrefix(String keyPrefix) {
		Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
		checkKey("keyPrefix", keyPrefix, keyPrefix + "global");
		return with((settings) -> settings.keyPrefix = keyPrefix);
	}

	/**
	 * @param mode how a user's document and the global one combine
	 * @return a copy with this document mode
	 */
	public FeatureFlagsOptions withMode(DocumentMode mode) {
		Objects.requireNonNull(mode, "mode must not be null");
		return with((settings) -> settings.mode = mode);
	}

	/**
	 * @param refreshInterval at least 1 s
	 * @return a copy with this refresh interval
	 * @throws InvalidOptionException if it is shorter than 1 s
	 */
	public FeatureFlagsOptions withRefreshInterval(Duration refreshInterval) {
		Objects.requireNonNull(refreshInterval, "refreshInterval must not be null");
		if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidOptionException("refreshInterval", refreshInterval,
					"refreshInterval must be at least 1s, was " + refreshInterval);
		}
		return with((settings) -> settings.refreshInterval = refreshInterval);
	}

	/**
	 * @param userCacheSize how many user documents (and, in {@link DocumentMode#MERGE}, merged documents) to hold,
	 * at least 1
	 * @return a copy with this cache size
	 * @throws InvalidOptionException if it is below 1
	 */
	public FeatureFlagsOptions withUserCacheSize(int userCacheSize) {
		if (userCacheSize < 1) {
			throw new InvalidOptionException("userCacheSize", userCacheSize,
					"userCacheSize must be at least 1, was " + userCacheSize);
		}
		return with((settings) -> settings.userCacheSize = userCacheSize);
	}

	/**
	 * @param ruleEvaluation which of flagd-core's ways of running targeting rules to answer like
	 * @return a copy with this rule evaluation
	 */
	public FeatureFlagsOptions withRuleEvaluation(RuleEvaluation ruleEvaluation) {
		Objects.requireNonNull(ruleEvaluation, "ruleEvaluation must not be null");
		return with((settings) -> settings.ruleEvaluation = ruleEvaluation);
	}

	/**
	 * @param userLoadTimeout how long a user's first evaluation waits for their document (0 or more)
	 * @return a copy with this timeout
	 * @throws InvalidOptionException if it is negative
	 */
	public FeatureFlagsOptions withUserLoadTimeout(Duration userLoadTimeout) {
		Objects.requireNonNull(userLoadTimeout, "userLoadTimeout must not be null");
		if (userLoadTimeout.isNegative()) {
			throw new InvalidOptionException("userLoadTimeout", userLoadTimeout,
					"userLoadTimeout must not be negative, was " + userLoadTimeout);
		}
		return with((settings) -> settings.userLoadTimeout = userLoadTimeout);
	}

	/**
	 * @param defaults flag name to value (anything the JSON mapper writes as JSON, flag definitions included)
	 * @return a copy with these built-in defaults
	 * @throws InvalidOptionException if a value cannot be written as JSON
	 */
	public FeatureFlagsOptions withFlagDefaults(Map<String, ?> defaults) {
		Objects.requireNonNull(defaults, "defaults must not be null");
		Map<String, JsonNode> converted = new LinkedHashMap<>();
		defaults.forEach((name, value) -> {
			try {
				converted.put(name, this.jsonMapper.valueToTree(value));
			}
			catch (RuntimeException ex) {
				throw new InvalidOptionException("flagDefaults", name,
						"flagDefaults: the default of '" + name + "' cannot be written as JSON: " + ex.getMessage());
			}
		});
		Map<String, JsonNode> copy = java.util.Collections.unmodifiableMap(converted);
		return with((settings) -> settings.flagDefaults = copy);
	}

	/**
	 * @param clock ages documents, stamps {@code $flagd.timestamp}, metadata and audit entries
	 * @return a copy with this clock
	 */
	public FeatureFlagsOptions withClock(Clock clock) {
		Objects.requireNonNull(clock, "clock must not be null");
		return with((settings) -> settings.clock = clock);
	}

	/**
	 * @param scheduler runs the background refreshes and user reads; the service does not shut it down
	 * ({@code null}: the service's own daemon thread)
	 * @return a copy with this scheduler
	 */
	public FeatureFlagsOptions withScheduler(@Nullable ScheduledExecutorService scheduler) {
		return with((settings) -> settings.scheduler = scheduler);
	}

	/**
	 * @param jsonMapper reads documents, converts defaults, binds object flags to Java types
	 * @return a copy with this mapper
	 */
	public FeatureFlagsOptions withJsonMapper(JsonMapper jsonMapper) {
		Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		return with((settings) -> settings.jsonMapper = jsonMapper);
	}

	/**
	 * @param listener told of evaluations, refreshes, failures and admin writes (more can be added with
	 * {@link FeatureFlags#addListener}; several combine with {@link FeatureFlagsListener#composite})
	 * @return a copy with this listener
	 */
	public FeatureFlagsOptions withListener(FeatureFlagsListener listener) {
		Objects.requireNonNull(listener, "listener must not be null; use FeatureFlagsListener.none()");
		return with((settings) -> settings.listener = listener);
	}

	/**
	 * @param auditPrefix the prefix of audit entry keys; must not lie under the user documents' prefix
	 * @return a copy with this audit prefix
	 * @throws InvalidOptionException if the keys it makes would be invalid KV keys
	 */
	public FeatureFlagsOptions withAuditPrefix(String auditPrefix) {
		Objects.requireNonNull(auditPrefix, "auditPrefix must not be null");
		checkKey("auditPrefix", auditPrefix, auditPrefix + "0");
		return with((settings) -> settings.auditPrefix = auditPrefix);
	}

	/**
	 * @param auditRetention how long audit entries live, at least 60 s (KV's shortest TTL)
	 * @return a copy with this retention
	 * @throws InvalidOptionException if it is shorter than 60 s
	 */
	public FeatureFlagsOptions withAuditRetention(Duration auditRetention) {
		Objects.requireNonNull(auditRetention, "auditRetention must not be null");
		try {
			KVLimits.checkExpirationTtl(auditRetention.getSeconds());
		}
		catch (KVValidationException ex) {
			throw new InvalidOptionException("auditRetention", auditRetention,
					"auditRetention must be at least 60s (KV's shortest expiration TTL), was " + auditRetention);
		}
		return with((settings) -> settings.auditRetention = auditRetention);
	}

	/**
	 * @param writeInterval the least time between two admin writes of one key (0 turns pacing off)
	 * @param sleeper how to wait
	 * @return a copy with this pacing
	 * @throws InvalidOptionException if the interval is negative
	 */
	public FeatureFlagsOptions withWritePacing(Duration writeInterval, Sleeper sleeper) {
		Objects.requireNonNull(writeInterval, "writeInterval must not be null");
		Objects.requireNonNull(sleeper, "sleeper must not be null");
		if (writeInterval.isNegative()) {
			throw new InvalidOptionException("writeInterval", writeInterval,
					"writeInterval must not be negative, was " + writeInterval);
		}
		return with((settings) -> {
			settings.writeInterval = writeInterval;
			settings.sleeper = sleeper;
		});
	}

	/** @return the prefix of the document keys */
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

	/** @return how a user's document and the global one combine */
	public DocumentMode mode() {
		return this.mode;
	}

	/** @return how often the global document is read, and how long a user's document is served */
	public Duration refreshInterval() {
		return this.refreshInterval;
	}

	/** @return how many user (and merged) documents are held */
	public int userCacheSize() {
		return this.userCacheSize;
	}

	/** @return which of flagd-core's ways of running targeting rules kv-flags answers like */
	public RuleEvaluation ruleEvaluation() {
		return this.ruleEvaluation;
	}

	/** @return how long a user's first evaluation waits for their document */
	public Duration userLoadTimeout() {
		return this.userLoadTimeout;
	}

	/** @return the built-in defaults, by flag name */
	public Map<String, JsonNode> flagDefaults() {
		return this.flagDefaults;
	}

	/** @return the clock */
	public Clock clock() {
		return this.clock;
	}

	/** @return the scheduler, or {@code null} for the service's own thread */
	public @Nullable ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	/** @return the JSON mapper */
	public JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/** @return the listener */
	public FeatureFlagsListener listener() {
		return this.listener;
	}

	/** @return the prefix of audit entry keys */
	public String auditPrefix() {
		return this.auditPrefix;
	}

	/** @return how long audit entries live */
	public Duration auditRetention() {
		return this.auditRetention;
	}

	/** @return the least time between two admin writes of one key */
	public Duration writeInterval() {
		return this.writeInterval;
	}

	/** @return how the admin waits out the write interval */
	public Sleeper sleeper() {
		return this.sleeper;
	}

	@Override
	public String toString() {
		return "FeatureFlagsOptions[keyPrefix=" + this.keyPrefix + ", mode=" + this.mode + ", refreshInterval="
				+ this.refreshInterval + ", ruleEvaluation=" + this.ruleEvaluation + ", userCacheSize=" + this.userCacheSize + ", userLoadTimeout="
				+ this.userLoadTimeout + ", flagDefaults=" + this.flagDefaults.keySet() + ", auditPrefix="
				+ this.auditPrefix + ", auditRetention=" + this.auditRetention + ", writeInterval="
				+ this.writeInterval + "]";
	}

	private FeatureFlagsOptions with(Consumer<Settings> change) {
		Settings settings = new Settings(this);
		change.accept(settings);
		return new FeatureFlagsOptions(settings);
	}

	private static void checkKey(String option, String value, String key) {
		try {
			KVLimits.checkKey(key);
		}
		catch (KVValidationException ex) {
			throw new InvalidOptionException(option, value,
					option + " '" + value + "' makes invalid KV keys such as '" + key + "': " + ex.getMessage());
		}
	}

	/** The mutable copy that a {@code with…} method changes one field of. */
	private static final class Settings {

		private String keyPrefix = "flags:";

		private DocumentMode mode = DocumentMode.REPLACE;

		private Duration refreshInterval = Duration.ofSeconds(60);

		private int userCacheSize = 10_000;

		private RuleEvaluation ruleEvaluation = RuleEvaluation.INTERPRETED;

		private Duration userLoadTimeout = Duration.ofSeconds(1);

		private Map<String, JsonNode> flagDefaults = Map.of();

		private Clock clock = Clock.systemUTC();

		private @Nullable ScheduledExecutorService scheduler;

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private FeatureFlagsListener listener = FeatureFlagsListener.none();

		private String auditPrefix = "flags-audit:";

		private Duration auditRetention = Duration.ofDays(90);

		private Duration writeInterval = Duration.ofSeconds(1);

		private Sleeper sleeper = Sleeper.threadSleep();

		Settings() {
		}

		Settings(FeatureFlagsOptions options) {
			this.keyPrefix = options.keyPrefix;
			this.mode = options.mode;
			this.refreshInterval = options.refreshInterval;
			this.userCacheSize = options.userCacheSize;
			this.ruleEvaluation = options.ruleEvaluation;
			this.userLoadTimeout = options.userLoadTimeout;
			this.flagDefaults = options.flagDefaults;
			this.clock = options.clock;
			this.scheduler = options.scheduler;
			this.jsonMapper = options.jsonMapper;
			this.listener = options.listener;
			this.auditPrefix = options.auditPrefix;
			this.auditRetention = options.auditRetention;
			this.writeInterval = options.writeInterval;
			this.sleeper = options.sleeper;
		}

	}

}
