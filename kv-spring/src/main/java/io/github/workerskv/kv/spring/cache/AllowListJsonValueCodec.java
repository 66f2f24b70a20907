package io.github.workerskv.kv.spring.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.type.TypeFactory;

/**
 * JSON with type names for non-final types, read back only for types on an allow-list: Jackson's default
 * typing restricted by a {@link BasicPolymorphicTypeValidator}, never unrestricted.
 */
final class AllowListJsonValueCodec implements KVCacheValueCodec {

	/** JDK types that are plain values or collections: safe to construct from JSON. */
	private static final List<Pattern> JDK_TYPES = List.of(
			Pattern.compile("java\\.lang\\.(Boolean|Byte|Character|Short|Integer|Long|Float|Double|String)"),
			Pattern.compile("java\\.math\\.(BigDecimal|BigInteger)"), Pattern.compile("java\\.time\\.[A-Za-z]+"),
			Pattern.compile("java\\.util\\.(ArrayList|LinkedList|ArrayDeque|HashMap|LinkedHashMap|TreeMap|HashSet"
					+ "|LinkedHashSet|TreeSet|EnumMap|EnumSet|UUID|Locale|Currency|Date)"),
			Pattern.compile("java\\.util\\.(ImmutableCollections|Collections|Arrays)\\$[A-Za-z0-9]+"));

	private final List<String> allowedTypes;

	private final List<Pattern> allowed;

	private final ObjectWriter writer;

	private final ObjectReader reader;

	AllowListJsonValueCodec(JsonMapper.Builder builder, List<String> allowedTypes, @Nullable ClassLoader classLoader) {
		this.allowedTypes = allowedTypes;
		this.allowed = new ArrayList<>(JDK_TYPES);
		for (String entry : allowedTypes) {
			this.allowed.add(pattern(entry));
		}
		BasicPolymorphicTypeValidator.Builder validator = BasicPolymorphicTypeValidator.builder().allowIfSubTypeIsArray();
		this.allowed.forEach(validator::allowIfSubType);
		TypeFactory types = TypeFactory.createDefaultInstance();
		if (classLoader != null) {
			types = types.withClassLoader(classLoader);
		}
		JsonMapper mapper = builder.typeFactory(types)
			.activateDefaultTyping(validator.build(), DefaultTyping.NON_FINAL, JsonTypeInfo.As.PROPERTY)
			.build();
		this.writer = mapper.writerFor(Object.class);
		this.reader = mapper.readerFor(Object.class);
	}

	private static Pattern pattern(String entry) {
		if (entry.isBlank()) {
			throw new IllegalArgumentException("An allowed type must not be blank");
		}
		String trimmed = entry.trim();
		return trimmed.endsWith(".") ? Pattern.compile(Pattern.quote(trimmed) + "[^.]+(\\.[^.]+)*")
				: Pattern.compile(Pattern.quote(trimmed) + "(\\$.+)?");
	}

	@Override
	public byte[] encode(Object value) {
		Class<?> type = value.getClass();
		if (!type.isArray() && !isAllowed(type.getName())) {
			throw new IllegalArgumentException("Values of type " + type.getName()
					+ " are not on the JSON allow-list " + this.allowedTypes + "; allow the class or its package ("
					+ type.getPackageName() + ".) (in Spring Boot: cloudflare.kv.cache.allowed-types), or declare "
					+ "the cache's value type (cloudflare.kv.cache.caches.<name>.value-type)");
		}
		return this.writer.writeValueAsBytes(value);
	}

	private boolean isAllowed(String className) {
		for (Pattern pattern : this.allowed) {
			if (pattern.matcher(className).matches()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Object decode(byte[] bytes) {
		return this.reader.readValue(bytes);
	}

	@Override
	public String toString() {
		return "json(allowing " + this.allowedTypes + ")";
	}

}
