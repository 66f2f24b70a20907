package io.github.workerskv.kv.spring.cache;

import java.lang.reflect.Type;
import java.util.Objects;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** Plain JSON bound to one declared type: no type names are written, none are read. */
final class TypedJsonValueCodec implements KVCacheValueCodec {

	private final JavaType type;

	private final ObjectWriter writer;

	private final ObjectReader reader;

	TypedJsonValueCodec(JsonMapper mapper, Type valueType) {
		Objects.requireNonNull(mapper, "mapper must not be null");
		this.type = mapper.constructType(Objects.requireNonNull(valueType, "valueType must not be null"));
		this.writer = mapper.writerFor(this.type);
		this.reader = mapper.readerFor(this.type);
	}

	@Override
	public byte[] encode(Object value) {
		Class<?> raw = this.type.getRawClass();
		if (!this.type.isPrimitive() && !raw.isInstance(value)) {
			throw new IllegalArgumentException("A value of type " + value.getClass().getName()
					+ " cannot be stored as JSON of the declared value type " + this.type.toCanonical()
					+ "; declare a common supertype or use an allow-list codec");
		}
		return this.writer.writeValueAsBytes(value);
	}

	@Override
	public Object decode(byte[] bytes) {
		return this.reader.readValue(bytes);
	}

	@Override
	public String toString() {
		return "json(" + this.type.toCanonical() + ")";
	}

}
