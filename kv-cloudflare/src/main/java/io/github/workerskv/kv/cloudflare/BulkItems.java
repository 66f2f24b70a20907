package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayOutputStream;
import java.util.List;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.internal.BulkWriteRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The items of one bulk call, each serialised once, all by one generator into one buffer, as the elements
 * of one JSON array: item {@code i} is the bytes {@code [start(i), end(i))}, and consecutive items are
 * separated by a single comma. A request of consecutive items (every request of a call's first round) is
 * sent straight from the buffer, bracketed; only a later round's scattered items are copied.
 */
final class BulkItems {

	private static final byte[] OPEN = { '[' };

	private static final byte[] CLOSE = { ']' };

	private final List<String> keys;

	private final byte[] buffer;

	private final int[] starts;

	private final int[] ends;

	private BulkItems(List<String> keys, byte[] buffer, int[] starts, int[] ends) {
		this.keys = keys;
		this.buffer = buffer;
		this.starts = starts;
		this.ends = ends;
	}

	/**
	 * @param mapper the client's mapper
	 * @param keys the keys of the items, in order
	 * @param items the items
	 * @return bulk write items as the API takes them, metadata written as the JSON it already is
	 */
	static BulkItems writes(JsonMapper mapper, List<String> keys, List<BulkWriteRequest.Item> items) {
		return serialise(mapper, keys, items.size(), (generator, i) -> {
			BulkWriteRequest.Item item = items.get(i);
			BulkWrite write = item.write();
			generator.writeStartObject();
			generator.writeStringProperty("key", write.key());
			generator.writeStringProperty("value", write.value());
			if (write.base64()) {
				generator.writeBooleanProperty("base64", true);
			}
			if (write.expirationTtl() != null) {
				generator.writeNumberProperty("expiration_ttl", write.expirationTtl());
			}
			else if (item.expiration() != null) {
				generator.writeNumberProperty("expiration", item.expiration());
			}
			if (item.metadataJson() != null) {
				generator.writeName("metadata");
				generator.writeRawValue(item.metadataJson());
			}
			generator.writeEndObject();
		});
	}

	/**
	 * @param mapper the client's mapper
	 * @param keys the keys to delete
	 * @return bulk delete items: JSON strings
	 */
	static BulkItems deletes(JsonMapper mapper, List<String> keys) {
		return serialise(mapper, keys, keys.size(), (generator, i) -> generator.writeString(keys.get(i)));
	}

	private interface ItemWriter {

		void write(JsonGenerator generator, int index);

	}

	private static BulkItems serialise(JsonMapper mapper, List<String> keys, int count, ItemWriter writer) {
		Buffer out = new Buffer();
		int[] starts = new int[count];
		int[] ends = new int[count];
		try (JsonGenerator generator = mapper.createGenerator(out)) {
			generator.writeStartArray();
			for (int i = 0; i < count; i++) {
				generator.flush();
				int mark = out.size();
				writer.write(generator, i);
				generator.flush();
				// The generator writes the comma before an element when the element begins.
				starts[i] = (i > 0 && out.array()[mark] == ',') ? mark + 1 : mark;
				ends[i] = out.size();
			}
			generator.writeEndArray();
		}
		return new BulkItems(keys, out.array(), starts, ends);
	}

	/** @return the items' keys, in order */
	List<String> keys() {
		return this.keys;
	}

	/** @return the serialised size of each item */
	long[] sizes(List<Integer> indices) {
		long[] sizes = new long[indices.size()];
		for (int i = 0; i < sizes.length; i++) {
			int index = indices.get(i);
			sizes[i] = this.ends[index] - this.starts[index];
		}
		return sizes;
	}

	/**
	 * @param chunk the items of one request, in order
	 * @return the JSON array of these items
	 */
	RequestBody body(List<Integer> chunk) {
		if (chunk.isEmpty()) {
			return RequestBody.json(new byte[] { '[', ']' });
		}
		int first = chunk.get(0);
		int last = chunk.get(chunk.size() - 1);
		if (last - first + 1 == chunk.size() && consecutive(chunk)) {
			return new RequestBody(List.of(RequestBody.Part.of(OPEN),
					new RequestBody.Part.Bytes(this.buffer, this.starts[first], this.ends[last] - this.starts[first]),
					RequestBody.Part.of(CLOSE)), RequestBody.JSON, true);
		}
		int size = 1 + chunk.size();
		for (int index : chunk) {
			size += this.ends[index] - this.starts[index];
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream(size);
		body.write('[');
		for (int i = 0; i < chunk.size(); i++) {
			if (i > 0) {
				body.write(',');
			}
			int index = chunk.get(i);
			body.write(this.buffer, this.starts[index], this.ends[index] - this.starts[index]);
		}
		body.write(']');
		return RequestBody.json(body.toByteArray());
	}

	private static boolean consecutive(List<Integer> chunk) {
		for (int i = 1; i < chunk.size(); i++) {
			if (chunk.get(i) != chunk.get(i - 1) + 1) {
				return false;
			}
		}
		return true;
	}

	/** A byte array stream whose array can be read without a copy. */
	private static final class Buffer extends ByteArrayOutputStream {

		Buffer() {
			super(8192);
		}

		byte[] array() {
			return this.buf;
		}

	}

}
