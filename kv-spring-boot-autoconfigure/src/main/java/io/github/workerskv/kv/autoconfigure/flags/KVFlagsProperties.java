package io.github.workerskv.kv.autoconfigure.flags;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.workerskv.kv.flags.DocumentMode;
import io.github.workerskv.kv.flags.RuleEvaluation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the feature flags on Workers KV, under {@code cloudflare.kv.flags}. Plain data; see
 * {@link io.github.workerskv.kv.flags.FeatureFlagsOptions} for what each setting does.
 */
@ConfigurationProperties(KVFlagsProperties.PREFIX)
public class KVFlagsProperties {

	/** The prefix of every property. */
	public static final String PREFIX = "cloudflare.kv.flags";

	/**
	 * Whether to create the FeatureFlags and FeatureFlagsAdmin beans (when a binding is named, or exactly one is
	 * configured).
	 */
	private boolean enabled = true;

	/**
	 * KV binding (a name under cloudflare.kv.namespaces) whose namespace holds the flag documents. May be left unset
	 * when exactly one binding is configured.
	 */
	private @Nullable String binding;

	/**
	 * Text in front of every document key: the documents are <prefix>global and <prefix>user:<id>.
	 */
	private String keyPrefix = "flags:";

	/**
	 * How a user's document and the global one combine: replace (the user's document, when it exists, is the whole
	 * answer, as the Workers KV docs' Worker reads them) or merge (the user's flags override the global ones, flag by
	 * flag).
	 */
	private DocumentMode mode = DocumentMode.REPLACE;

	/**
	 * How often the global document is read again in the background, and how long a user's document is served
	 * before it is read again. At least 1s.
	 */
	private Duration refreshInterval = Duration.ofSeconds(60);

	/**
	 * Most user documents held in memory; the least recently used go first.
	 */
	private int userCacheSize = 10_000;

	/**
	 * How long a user's first evaluation waits for their document; later evaluations never wait.
	 */
	private Duration userLoadTimeout = Duration.ofSeconds(1);

	/**
	 * Which of flagd-core's ways of running targeting rules to answer like: interpreted (as in a Worker) or
	 * compiled (as in Node.js).
	 */
	private RuleEvaluation ruleEvaluation = RuleEvaluation.INTERPRETED;

	/**
	 * Flag values used when neither the user's nor the global document exists, by flag name, and the defaults of
	 * FeatureFlags#getFlags. A value that is JSON (true, 5, "quoted", {"a": 1}) is that JSON; any other text is a
	 * string.
	 */
	private Map<String, String> defaults = new LinkedHashMap<>();

	/**
	 * Audit trail of admin writes.
	 */
	private final Audit audit = new Audit();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getBinding() {
		return this.binding;
	}

	public void setBinding(@Nullable String binding) {
		this.binding = binding;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public DocumentMode getMode() {
		return this.mode;
	}

	public void setMode(DocumentMode mode) {
		this.mode = mode;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public int getUserCacheSize() {
		return this.userCacheSize;
	}

	public void setUserCacheSize(int userCacheSize) {
		this.userCacheSize = userCacheSize;
	}

	public Duration getUserLoadTimeout() {
		return this.userLoadTimeout;
	}

	public void setUserLoadTimeout(Duration userLoadTimeout) {
		this.userLoadTimeout = userLoadTimeout;
	}

	public RuleEvaluation getRuleEvaluation() {
		return this.ruleEvaluation;
	}

	public void setRuleEvaluation(RuleEvaluation ruleEvaluation) {
		this.ruleEvaluation = ruleEvaluation;
	}

	public Map<String, String> getDefaults() {
		return this.defaults;
	}

	public void setDefaults(Map<String, String> defaults) {
		this.defaults = defaults;
	}

	public Audit getAudit() {
		return this.audit;
	}

	/**
	 * Where admin writes are recorded.
	 */
	public static class Audit {

		/**
		 * Text in front of every audit entry key; must not lie under the user documents' prefix.
		 */
		private String prefix = "flags-audit:";

		/**
		 * How long audit entries are kept (their KV expiration). At least 60s.
		 */
		private Duration retention = Duration.ofDays(90);

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

}
