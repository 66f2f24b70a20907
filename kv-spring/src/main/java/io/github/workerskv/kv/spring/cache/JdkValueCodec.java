package io.github.workerskv.kv.spring.cache;

import org.jspecify.annotations.Nullable;

import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;

/** Java serialization, with classes resolved through the application's class loader. */
final class JdkValueCodec implements KVCacheValueCodec {

	private final SerializingConverter serializer = new SerializingConverter();

	private final DeserializingConverter deserializer;

	JdkValueCodec(@Nullable ClassLoader classLoader) {
		this.deserializer = (classLoader != null) ? new DeserializingConverter(classLoader)
				: new DeserializingConverter();
	}

	@Override
	public byte[] encode(Object value) {
		if (!(value instanceof java.io.Serializable)) {
			throw new IllegalArgumentException("Values of type " + value.getClass().getName()
					+ " are not Serializable and cannot be stored with Java serialization; use a JSON codec");
		}
		return this.serializer.convert(value);
	}

	@Override
	public Object decode(byte[] bytes) {
		return this.deserializer.convert(bytes);
	}

	@Override
	public String toString() {
		return "jdk";
	}

}
