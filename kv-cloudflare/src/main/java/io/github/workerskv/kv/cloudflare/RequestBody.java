package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The body of a request, in parts that each HTTP transport turns into its own kind of body: bytes, and at most
 * one caller's stream (a value written as a stream, possibly between the parts of a multipart form).
 *
 * @param parts the parts, sent in order
 * @param contentType its {@code Content-Type}
 * @param repeatable whether it can be sent again (bytes can; a caller's stream cannot)
 */
record RequestBody(List<Part> parts, String contentType, boolean repeatable) {

	static final String JSON = "application/json";

	static final String OCTET_STREAM = "application/octet-stream";

	RequestBody {
		parts = List.copyOf(parts);
	}

	/**
	 * @param json JSON bytes
	 * @return a repeatable JSON body
	 */
	static RequestBody json(byte[] json) {
		return bytes(json, JSON);
	}

	/**
	 * @param bytes the bytes
	 * @param contentType their content type
	 * @return a repeatable body
	 */
	static RequestBody bytes(byte[] bytes, String contentType) {
		return new RequestBody(List.of(Part.of(bytes)), contentType, true);
	}

	/**
	 * @param stream a stream read once while the request is sent
	 * @param contentType its content type
	 * @return a body that is sent once
	 */
	static RequestBody once(InputStream stream, String contentType) {
		return new RequestBody(List.of(new Part.Stream(stream)), contentType, false);
	}

	/** @return the body's length in bytes, or -1 if it holds a stream */
	long length() {
		long length = 0;
		for (Part part : this.parts) {
			if (!(part instanceof Part.Bytes bytes)) {
				return -1;
			}
			length += bytes.length();
		}
		return length;
	}

	/** One part of a body. */
	sealed interface Part permits Part.Bytes, Part.Stream {

		/**
		 * @param bytes the bytes
		 * @return all of them as a part
		 */
		static Part of(byte[] bytes) {
			return new Bytes(bytes, 0, bytes.length);
		}

		/**
		 * A range of an array, which is not copied (nor changed).
		 * @param array the array
		 * @param offset where the range starts
		 * @param length its length
		 */
		record Bytes(byte[] array, int offset, int length) implements Part {

			/** @return a new read-only buffer over the range */
			ByteBuffer buffer() {
				return ByteBuffer.wrap(this.array, this.offset, this.length).slice().asReadOnlyBuffer();
			}

		}

		/**
		 * A caller's stream, read once while the request is sent and not closed.
		 * @param stream the stream
		 */
		record Stream(InputStream stream) implements Part {
		}

	}

}
