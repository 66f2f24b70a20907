package io.github.workerskv.kv.spring.cache;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

/**
 * Cache keys as text, in a format that does not depend on any library's {@code toString()} where it can
 * avoid it:
 * <ul>
 * <li>a {@code String} is used as it is;</li>
 * <li>numbers, booleans, characters, {@code UUID}s, {@code Locale}s, {@code Currency}s and {@code java.time}
 * values use their {@code toString()}, an enum its {@code name()};</li>
 * <li>Spring's {@link SimpleKey} (a method with several parameters), arrays and collections become
 * {@code [a,b]}, each element converted the same way, with {@code \}, {@code ,}, {@code [} and {@code ]}
 * escaped by a backslash and {@code null} written {@code \N};</li>
 * <li>any other class that declares {@code toString()} (records do) uses it; other keys are rejected,
 * naming the way to convert them.</li>
 * </ul>
 */
final class DefaultKeyConverter implements Function<Object, String> {

	static final DefaultKeyConverter INSTANCE = new DefaultKeyConverter();

	/** The field of {@link SimpleKey} read by reflection ({@link KVCacheRuntimeHints} registers it). */
	static final String SIMPLE_KEY_PARAMS_FIELD = "params";

	private static final @Nullable Field SIMPLE_KEY_PARAMS = simpleKeyParams();

	private static final ClassValue<Boolean> DECLARES_TO_STRING = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			Method toString = ReflectionUtils.findMethod(type, "toString");
			return toString != null && toString.getDeclaringClass() != Object.class;
		}
	};

	private DefaultKeyConverter() {
	}

	@Override
	public String apply(Object key) {
		if (key instanceof String text) {
			return text;
		}
		if (key instanceof Enum<?> constant) {
			return constant.name();
		}
		if (key instanceof Number || key instanceof Boolean || key instanceof Character || key instanceof UUID
				|| key instanceof TemporalAccessor || key instanceof Locale || key instanceof Currency) {
			return key.toString();
		}
		if (key instanceof SimpleKey simpleKey && SIMPLE_KEY_PARAMS != null) {
			return list((Object[]) ReflectionUtils.getField(SIMPLE_KEY_PARAMS, simpleKey));
		}
		if (key instanceof Collection<?> collection) {
			return list(collection.toArray());
		}
		if (key.getClass().isArray()) {
			Object[] elements = new Object[Array.getLength(key)];
			for (int i = 0; i < elements.length; i++) {
				elements[i] = Array.get(key, i);
			}
			return list(elements);
		}
		if (key instanceof Record || DECLARES_TO_STRING.get(key.getClass())) { // records always declare one
			return key.toString();
		}
		throw new IllegalStateException("Cannot convert a cache key of type " + key.getClass().getName()
				+ " to a KV key: it does not declare toString(). Give it one, use a String key "
				+ "(@Cacheable(key = \"...\")), or configure KVCacheConfiguration.withKeyConverter(...)");
	}

	private String list(Object @Nullable [] elements) {
		StringBuilder text = new StringBuilder("[");
		if (elements != null) {
			for (int i = 0; i < elements.length; i++) {
				if (i > 0) {
					text.append(',');
				}
				Object element = elements[i];
				if (element == null) {
					text.append("\\N");
				}
				else {
					escape(apply(element), text);
				}
			}
		}
		return text.append(']').toString();
	}

	private static void escape(String element, StringBuilder text) {
		for (int i = 0; i < element.length(); i++) {
			char c = element.charAt(i);
			if (c == '\\' || c == ',' || c == '[' || c == ']') {
				text.append('\\');
			}
			text.append(c);
		}
	}

	private static @Nullable Field simpleKeyParams() {
		Field field = ReflectionUtils.findField(SimpleKey.class, SIMPLE_KEY_PARAMS_FIELD, Object[].class);
		if (field == null) {
			return null;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			return field;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
