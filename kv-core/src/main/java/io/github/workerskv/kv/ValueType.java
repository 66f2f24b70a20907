package io.github.workerskv.kv;

import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * How a value is read: the Java twin of the binding's {@code type} argument
 * ({@code "text"}, {@code "json"}, {@code "arrayBuffer"}, {@code "stream"}).
 *
 * <p>Text is decoded as UTF-8 (invalid bytes become U+FFFD, as in the binding). JSON is read with
 * the namespace's Jackson mapper into the given class or type reference. Bulk reads accept only
 * {@link #text()} and JSON types.
 *
 * @param <T> the Java type a value is read as
 */
public final class ValueType<T> {

	/** The four ways KV can return a value. */
	public enum Kind {

		/** UTF-8 text ({@code "text"}). */
		TEXT("text"),

		/** JSON, bound to a Java type ({@code "json"}). */
		JSON("json"),

		/** The raw bytes ({@code "arrayBuffer"}). */
		BYTES("arrayBuffer"),

		/** An {@link InputStream} over the bytes ({@code "stream"}). */
		STREAM("stream");

		private final String bindingName;

		Kind(String bindingName) {
			this.bindingName = bindingName;
		}

	}

	private static final ValueType<String> TEXT = new ValueType<>(Kind.TEXT, String.class);

	private static final ValueType<byte[]> BYTES = new ValueType<>(Kind.BYTES, byte[].class);

	private static final ValueType<InputStream> STREAM = new ValueType<>(Kind.STREAM, InputStream.class);

	private final Kind kind;

	private final Type javaType;

	private ValueType(Kind kind, Type javaType) {
		this.kind = kind;
		this.javaType = javaType;
	}

	/** @return values as UTF-8 text */
	public static ValueType<String> text() {
		return TEXT;
	}

	/** @return values as their raw bytes */
	public static ValueType<byte[]> bytes() {
		return BYTES;
	}

	/**
	 * Values as a stream. The caller must close it. Stores that can stream (the file store and the
	 * REST client) do not hold the whole value in memory.
	 * @return values as an {@link InputStream}
	 */
	public static ValueType<InputStream> stream() {
		return STREAM;
	}

	/**
	 * Values as JSON bound to a class.
	 * @param type the class to bind to
	 * @param <T> the class
	 * @return values as JSON
	 */
	public static <T> ValueType<T> json(Class<T> type) {
		return new ValueType<>(Kind.JSON, Objects.requireNonNull(type, "type must not be null"));
	}

	/**
	 * Values as JSON bound to a generic type, for example {@code new TypeReference<List<Flag>>() {}}.
	 * @param type the type to bind to
	 * @param <T> the type
	 * @return values as JSON
	 */
	public static <T> ValueType<T> json(TypeReference<T> type) {
		return new ValueType<>(Kind.JSON, Objects.requireNonNull(type, "type must not be null").getType());
	}

	/** @return which of the four forms this is */
	public Kind kind() {
		return this.kind;
	}

	/** @return the Java type values are read as ({@code String}, {@code byte[]}, {@code InputStream} or the JSON target) */
	public Type javaType() {
		return this.javaType;
	}

	/** @return the binding's name for this type: {@code text}, {@code json}, {@code arrayBuffer} or {@code stream} */
	public String name() {
		return this.kind.bindingName;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof ValueType<?> that && this.kind == that.kind
				&& this.javaType.equals(that.javaType));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.javaType);
	}

	@Override
	public String toString() {
		return (this.kind == Kind.JSON) ? "json(" + this.javaType.getTypeName() + ")" : name();
	}

}
