package io.github.workerskv.kv.spring.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A stored cache entry, format version 1: an ASCII header line, then the codec's bytes.
 * <pre>
 * kvc1 v &lt;expires-at&gt;\n&lt;payload&gt;     a value
 * kvc1 n &lt;expires-at&gt;\n                a cached null (no payload, whatever the codec)
 * </pre>
 * {@code expires-at} is the entry's logical expiry in milliseconds since the UNIX epoch, or {@code 0} for
 * none. Reads at or after it are misses, whatever KV's own (coarser) expiration says.
 *
 * @param expiresAtMillis the logical expiry, or {@code 0} for none
 * @param payload the codec's bytes, or {@code null} for a cached null
 */
record CacheEntry(long expiresAtMillis, byte @Nullable [] payload) {

	private static final byte[] MAGIC = "kvc1 ".getBytes(StandardCharsets.US_ASCII);

	/** @return whether this entry is a cached {@code null} */
	boolean isNull() {
		return this.payload == null;
	}

	/**
	 * @param nowMillis the current time
	 * @return whether reads at this time must treat the entry as missing
	 */
	boolean isExpired(long nowMillis) {
		return this.expiresAtMillis != 0 && nowMillis >= this.expiresAtMillis;
	}

	/** @return the stored bytes */
	byte[] encode() {
		byte[] header = ("kvc1 " + (isNull() ? 'n' : 'v') + ' ' + this.expiresAtMillis + '\n')
			.getBytes(StandardCharsets.US_ASCII);
		if (this.payload == null) {
			return header;
		}
		byte[] bytes = Arrays.copyOf(header, header.length + this.payload.length);
		System.arraycopy(this.payload, 0, bytes, header.length, this.payload.length);
		return bytes;
	}

	/**
	 * @param bytes stored bytes
	 * @return the entry, or {@code null} if the bytes are not an entry of this format
	 */
	static @Nullable CacheEntry decode(byte[] bytes) {
		if (bytes.length < MAGIC.length + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			return null;
		}
		byte kind = bytes[MAGIC.length];
		if ((kind != 'v' && kind != 'n') || bytes[MAGIC.length + 1] != ' ') {
			return null;
		}
		long expiresAt = 0;
		int i = MAGIC.length + 2;
		int digits = 0;
		for (; i < bytes.length && bytes[i] != '\n'; i++, digits++) {
			if (bytes[i] < '0' || bytes[i] > '9' || digits == 19) {
				return null;
			}
			try {
				expiresAt = Math.addExact(Math.multiplyExact(expiresAt, 10), bytes[i] - '0');
			}
			catch (ArithmeticException ex) {
				return null;
			}
		}
		if (digits == 0 || i == bytes.length) {
			return null;
		}
		byte[] payload = (kind == 'n') ? null : Arrays.copyOfRange(bytes, i + 1, bytes.length);
		return new CacheEntry(expiresAt, payload);
	}

}
