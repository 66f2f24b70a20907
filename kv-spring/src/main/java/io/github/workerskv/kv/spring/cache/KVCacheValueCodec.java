package io.github.workerskv.kv.spring.cache;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns cache values into the bytes stored in KV and back.
 *
 * <p>A codec never sees {@code null}: {@link KVCache} stores a cached {@code null} as a marker of its own,
 * the same whatever the codec. It never sees the entry's expiry either, which the cache keeps in a header
 * in front of the codec's bytes.
 *
 * <p>Three codecs come with the library:
 * <ul>
 * <li>{@link #json(Type)}: plain JSON read back as one declared type, the safest choice when a cache
 * holds one kind of value;</li>
 * <li>{@link #jsonAllowing(Collection, ClassLoader)}: JSON with type names, for caches that hold values
 * of several types; only types on an allow-list (plus common JDK value and collection types) are read back,
 * never any class the JSON names;</li>
 * <li>{@link #jdk(ClassLoader)}: Java serialization, for {@link java.io.Serializable} values. Reading
 * Java serialization from a store someone else can write to is dangerous: use it only on a namespace that
 * only your application writes, and consider a JVM-wide {@code jdk.serialFilter}.</li>
 * </ul>
 * Implementations must be thread-safe. A value that cannot be decoded (a class renamed since it was
 * written, say) is read as a miss and logged; it is not an error.
 */
public interface KVCacheValueCodec {

	/**
	 * Encodes a value.
	 * @param value the value, never {@code null}
	 * @return its bytes
	 * @throws IllegalArgumentException if this codec cannot or may not store the value (the message says
	 * how to allow it)
	 */
	byte[] encode(Object value);

	/**
	 * Decodes a value.
	 * @param bytes what {@link #encode(Object)} produced
	 * @return the value
	 * @throws RuntimeException if the bytes cannot be decoded
	 */
	Object decode(byte[] bytes);

	/**
	 * Plain JSON read back as one type, with a default {@link JsonMapper}.
	 * @param valueType the type every value of the cache has: a class, or a generic type such as
	 * {@code new TypeReference<List<Book>>() {}.getType()}
	 * @return the codec
	 */
	static KVCacheValueCodec json(Type valueType) {
		return new TypedJsonValueCodec(JsonMapper.builder().build(), valueType);
	}

	/**
	 * Plain JSON read back as one type.
	 * @param mapper the mapper that writes and reads values
	 * @param valueType the type every value of the cache has
	 * @return the codec
	 */
	static KVCacheValueCodec json(JsonMapper mapper, Type valueType) {
		return new TypedJsonValueCodec(mapper, valueType);
	}

	/**
	 * JSON that records the type of every value that is not plain JSON, and reads back only allowed types.
	 *
	 * <p>Always allowed: {@code String}, the boxed primitives, {@code BigDecimal}, {@code BigInteger},
	 * {@code java.time} values, {@code UUID}, {@code Locale}, {@code Date}, arrays, and the JDK's lists,
	 * sets and maps (including those of {@code List.of} and {@code Stream.toList()}). Everything else must
	 * match an entry of {@code allowedTypes}: a package prefix ending with a dot ({@code com.example.}) allows
	 * every class below it, any other entry allows that class and its nested classes. Writing a value whose
	 * class is not allowed fails at once, naming the class.
	 * @param allowedTypes package prefixes ending with {@code .} and class names
	 * @param classLoader the loader for the allowed classes (the application's, so that DevTools' restart
	 * loader is used), or {@code null} for the default
	 * @return the codec
	 */
	static KVCacheValueCodec jsonAllowing(Collection<String> allowedTypes, @Nullable ClassLoader classLoader) {
		return new AllowListJsonValueCodec(JsonMapper.builder(), List.copyOf(allowedTypes), classLoader);
	}

	/**
	 * As {@link #jsonAllowing(Collection, ClassLoader)}, starting from the given mapper's configuration.
	 * @param mapper the mapper whose modules and features to keep; its type handling is replaced
	 * @param allowedTypes package prefixes ending with {@code .} and class names
	 * @param classLoader the loader for the allowed classes, or {@code null} for the default
	 * @return the codec
	 */
	static KVCacheValueCodec jsonAllowing(JsonMapper mapper, Collection<String> allowedTypes,
			@Nullable ClassLoader classLoader) {
		return new AllowListJsonValueCodec(mapper.rebuild(), List.copyOf(allowedTypes), classLoader);
	}

	/**
	 * Java serialization, reading classes through the given loader.
	 * @param classLoader the application's class loader, or {@code null} for the default
	 * @return the codec
	 */
	static KVCacheValueCodec jdk(@Nullable ClassLoader classLoader) {
		return new JdkValueCodec(classLoader);
	}

}
