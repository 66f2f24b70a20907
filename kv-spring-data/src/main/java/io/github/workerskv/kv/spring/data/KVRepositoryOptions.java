package io.github.workerskv.kv.spring.data;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * How repositories store entities in KV: the key separator, the JSON mapper, the clock that decides
 * logical expiry, default times to live per keyspace, and (for {@code @EnableKVRepositories}) which
 * {@code KVNamespace} bean to use.
 *
 * <p>Immutable: every {@code with…} method returns a copy. Declare one as a bean to configure the adapter
 * that {@code @EnableKVRepositories} creates.
 */
public final class KVRepositoryOptions {

	private static final KVRepositoryOptions DEFAULTS = new KVRepositoryOptions(new Settings());

	private final String keySeparator;

	private final Clock clock;

	/** {@code null}: {@link DefaultJsonMapper#INSTANCE}. */
	private final @Nullable ObjectMapper jsonMapper;

	private final Map<String, Duration> timeToLive;

	private final @Nullable String binding;

	private KVRepositoryOptions(Settings settings) {
		this.keySeparator = settings.keySeparator;
		this.clock = settings.clock;
		this.jsonMapper = settings.jsonMapper;
		this.timeToLive = Collections.unmodifiableMap(new LinkedHashMap<>(settings.timeToLive));
		this.binding = settings.binding;
	}

	/**
	 * @return separator {@code ":"}, the system clock, a default Jackson {@link JsonMapper} (built when first
	 * asked for), no default times to live, the only {@code KVNamespace} bean
	 */
	public static KVRepositoryOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * The mapper used unless another is given: Jackson's defaults (ISO-8601 dates, no type information),
	 * plus fields of any visibility (entities often have private fields without getters) and unknown
	 * properties ignored (a Worker, or a newer version of the class, may have added fields).
	 * @return a new mapper
	 */
	public static JsonMapper defaultJsonMapper() {
		return JsonMapper.builder()
			.changeDefaultVisibility((checker) -> checker.withFieldVisibility(JsonAutoDetect.Visibility.ANY))
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	/**
	 * @param keySeparator what joins keyspace and id in a key; not empty
	 * @return a copy with this separator
	 * @throws InvalidOptionException ({@code keySeparator}) if it is empty
	 */
	public KVRepositoryOptions withKeySeparator(String keySeparator) {
		Objects.requireNonNull(keySeparator, "keySeparator must not be null");
		if (keySeparator.isEmpty()) {
			throw new InvalidOptionException("keySeparator", keySeparator, "keySeparator must not be empty: a "
					+ "keyspace 'user' would then also list the keys of a keyspace 'users'");
		}
		return with((settings) -> settings.keySeparator = keySeparator);
	}

	/**
	 * @param clock decides when an entity with a time to live has expired; use the clock of the store in tests
	 * @return a copy with this clock
	 */
	public KVRepositoryOptions withClock(Clock clock) {
		Objects.requireNonNull(clock, "clock must not be null");
		return with((settings) -> settings.clock = clock);
	}

	/**
	 * @param jsonMapper writes and reads entities and indexed values; it must not add type information if
	 * Workers are to read the values
	 * @return a copy with this mapper
	 */
	public KVRepositoryOptions withJsonMapper(ObjectMapper jsonMapper) {
		Objects.requireNonNull(jsonMapper, "jsonMapper must not be null");
		return with((settings) -> settings.jsonMapper = jsonMapper);
	}

	/**
	 * Sets the time to live of the entities of a keyspace that have no {@link TimeToLive} value of their own.
	 * @param keyspace the keyspace
	 * @param ttl positive; {@link Duration#ZERO} removes the default
	 * @return a copy with this default
	 * @throws InvalidOptionException ({@code timeToLive}) if the time to live is negative
	 */
	public KVRepositoryOptions withTimeToLive(String keyspace, Duration ttl) {
		Objects.requireNonNull(keyspace, "keyspace must not be null");
		Objects.requireNonNull(ttl, "ttl must not be null");
		if (ttl.isNegative()) {
			throw new InvalidOptionException("timeToLive", ttl, "timeToLive of keyspace '" + keyspace
					+ "' must not be negative (was " + ttl + "); use Duration.ZERO for none");
		}
		return with((settings) -> {
			if (ttl.isZero()) {
				settings.timeToLive.remove(keyspace);
			}
			else {
				settings.timeToLive.put(keyspace, ttl);
			}
		});
	}

	/**
	 * @param binding the name of the {@code KVNamespace} bean repositories use, or {@code null} for the
	 * only one; {@code @EnableKVRepositories(binding = …)} wins over this
	 * @return a copy with this binding
	 */
	public KVRepositoryOptions withBinding(@Nullable String binding) {
		String name = (binding == null || binding.isBlank()) ? null : binding;
		return with((settings) -> settings.binding = name);
	}

	private KVRepositoryOptions with(Consumer<Settings> change) {
		Settings settings = new Settings(this);
		change.accept(settings);
		return new KVRepositoryOptions(settings);
	}

	/** @return what joins keyspace and id */
	public String keySeparator() {
		return this.keySeparator;
	}

	/** @return the clock of logical expiry */
	public Clock clock() {
		return this.clock;
	}

	/** @return the JSON mapper; the default one, {@link #defaultJsonMapper()}, is built on the first call */
	public ObjectMapper jsonMapper() {
		return (this.jsonMapper != null) ? this.jsonMapper : DefaultJsonMapper.INSTANCE;
	}

	/**
	 * @param keyspace a keyspace
	 * @return its default time to live, or {@code null} for none
	 */
	public @Nullable Duration timeToLive(String keyspace) {
		return this.timeToLive.get(keyspace);
	}

	/** @return the default times to live by keyspace */
	public Map<String, Duration> timeToLive() {
		return this.timeToLive;
	}

	/** @return the {@code KVNamespace} bean name, or {@code null} for the only one */
	public @Nullable String binding() {
		return this.binding;
	}

	@Override
	public String toString() {
		return "KVRepositoryOptions[keySeparator='" + this.keySeparator + "', clock=" + this.clock + ", timeToLive="
				+ this.timeToLive + ", binding=" + this.binding + "]";
	}

	/** The mutable copy that each {@code with…} method changes. */
	private static final class Settings {

		private String keySeparator = ":";

		private Clock clock = Clock.systemUTC();

		private @Nullable ObjectMapper jsonMapper;

		private final Map<String, Duration> timeToLive = new LinkedHashMap<>();

		private @Nullable String binding;

		Settings() {
		}

		Settings(KVRepositoryOptions options) {
			this.keySeparator = options.keySeparator;
			this.clock = options.clock;
			this.jsonMapper = options.jsonMapper;
			this.timeToLive.putAll(options.timeToLive);
			this.binding = options.binding;
		}

	}

	/**
	 * The default mapper, built when this class is first used (the holder idiom): an application without KV
	 * repositories still has the options bean, and need not load Jackson's databind for it.
	 */
	private static final class DefaultJsonMapper {

		static final ObjectMapper INSTANCE = defaultJsonMapper();

	}

}
