package io.github.workerskv.kv.autoconfigure.flags;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.workerskv.kv.InvalidOptionException;
import io.github.workerskv.kv.flags.FeatureFlagsListener;
import io.github.workerskv.kv.flags.FeatureFlagsOptions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Maps {@link KVFlagsProperties} to {@link FeatureFlagsOptions}. A value out of range fails start-up naming its
 * property, found from the option the options name ({@link InvalidOptionException#option()}).
 */
final class KVFlagsOptions {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Map<String, String> PROPERTIES = Map.of("keyPrefix", "key-prefix", "refreshInterval",
			"refresh-interval", "userCacheSize", "user-cache-size", "userLoadTimeout", "user-load-timeout",
			"flagDefaults", "defaults", "auditPrefix", "audit.prefix", "auditRetention", "audit.retention");

	private KVFlagsOptions() {
	}

	/**
	 * @param properties the bound properties
	 * @param listener told of evaluations, refreshes and writes
	 * @return the options
	 * @throws InvalidConfigurationPropertyValueException if a value is out of range
	 */
	static FeatureFlagsOptions from(KVFlagsProperties properties, FeatureFlagsListener listener) {
		try {
			return FeatureFlagsOptions.defaults()
				.withKeyPrefix(properties.getKeyPrefix())
				.withMode(properties.getMode())
				.withRefreshInterval(properties.getRefreshInterval())
				.withUserCacheSize(properties.getUserCacheSize())
				.withUserLoadTimeout(properties.getUserLoadTimeout())
				.withRuleEvaluation(properties.getRuleEvaluation())
				.withFlagDefaults(defaults(properties.getDefaults()))
				.withAuditPrefix(properties.getAudit().getPrefix())
				.withAuditRetention(properties.getAudit().getRetention())
				.withListener(listener);
		}
		catch (InvalidOptionException ex) {
			String option = PROPERTIES.getOrDefault(ex.option(),
					ex.option().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT));
			throw new InvalidConfigurationPropertyValueException(KVFlagsProperties.PREFIX + "." + option,
					(ex.value() != null) ? ex.value() : "(not shown)", ex.getMessage());
		}
	}

	/** Each value as the JSON it is ({@code true}, {@code 5}, {@code "quoted"}, {@code {"a": 1}}), else as a string. */
	static Map<String, JsonNode> defaults(Map<String, String> values) {
		Map<String, JsonNode> defaults = new LinkedHashMap<>();
		values.forEach((name, text) -> defaults.put(name, json(text)));
		return defaults;
	}

	private static JsonNode json(String text) {
		try {
			JsonNode json = JSON.readTree(text);
			return json.isMissingNode() ? JsonNodeFactory.instance.stringNode(text) : json;
		}
		catch (JacksonException ex) {
			return JsonNodeFactory.instance.stringNode(text);
		}
	}

}
