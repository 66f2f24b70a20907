package io.github.workerskv.kv.cloudflare;

import java.util.Base64;
import java.util.Objects;

import io.github.workerskv.kv.KVLimits;
import org.jspecify.annotations.Nullable;

/**
 * One pair of a {@link CloudflareKVNamespace#bulkPut(java.util.List) bulk put}: the REST API's bulk
 * write item. Values travel as JSON strings; binary values are base64-encoded ({@link #of(String, byte[])})
 * and decoded by the server.
 *
 * <p>Like a single put, a bulk write replaces value, expiration and metadata together, and
 * {@code expirationTtl} wins over {@code expiration}. Keys, TTLs and value sizes are checked here;
 * absolute expirations and metadata sizes when the bulk put runs.
 *
 * @param key the key, 1..512 UTF-8 bytes, not {@code .} or {@code ..}
 * @param value the value: text, or base64 when {@code base64} is set; at most 25 MiB once decoded
 * @param base64 whether the server must base64-decode {@code value}
 * @param expiration when the key expires in seconds since the UNIX epoch (at least 60 s ahead), or {@code null}
 * @param expirationTtl seconds until the key expires (at least 60), or {@code null}
 * @param metadata any value Jackson can serialise to at most 1024 bytes of JSON, or {@code null}
 */
public record BulkWrite(String key, String value, boolean base64, @Nullable Long expiration,
		@Nullable Long expirationTtl, @Nullable Object metadata) {

	/**
	 * Validates what needs no clock.
	 * @throws io.github.workerskv.kv.InvalidKeyException if the key is invalid
	 * @throws io.github.workerskv.kv.ValueTooLargeException if the value exceeds 25 MiB
	 * @throws io.github.workerskv.kv.InvalidExpirationException if the TTL is below 60 seconds
	 */
	public BulkWrite {
		Objects.requireNonNull(key, "key must not be null");
		Objects.requireNonNull(value, "value must not be null");
		KVLimits.checkKey(key);
		KVLimits.checkValueLength(base64 ? decodedLength(value) : KVLimits.utf8Length(value, "Value"));
		if (expirationTtl != null) {
			KVLimits.checkExpirationTtl(expirationTtl);
		}
	}

	/**
	 * A text value, with no expiration and no metadata.
	 * @param key the key
	 * @param value the text
	 * @return the write
	 */
	public static BulkWrite of(String key, String value) {
		return new BulkWrite(key, value, false, null, null, null);
	}

	/**
	 * A binary value, sent base64-encoded, with no expiration and no metadata.
	 * @param key the key
	 * @param value the bytes
	 * @return the write
	 */
	public static BulkWrite of(String key, byte[] value) {
		return new BulkWrite(key, Base64.getEncoder().encodeToString(value), true, null, null, null);
	}

	/**
	 * @param epochSeconds when the key expires, in seconds (not milliseconds) since the UNIX epoch
	 * @return a copy with this expiration
	 */
	public BulkWrite withExpiration(long epochSeconds) {
		return new BulkWrite(this.key, this.value, this.base64, epochSeconds, this.expirationTtl, this.metadata);
	}

	/**
	 * @param seconds how long after the write the key expires, at least 60
	 * @return a copy with this time to live
	 */
	public BulkWrite withExpirationTtl(long seconds) {
		return new BulkWrite(this.key, this.value, this.base64, this.expiration, seconds, this.metadata);
	}

	/**
	 * @param metadata any JSON-serialisable value, or {@code null} for none
	 * @return a copy with this metadata
	 */
	public BulkWrite withMetadata(@Nullable Object metadata) {
		return new BulkWrite(this.key, this.value, this.base64, this.expiration, this.expirationTtl, metadata);
	}

	@Override
	public String toString() {
		return "BulkWrite[key=" + this.key + ", value=<" + this.value.length() + " chars" + (this.base64 ? ", base64" : "")
				+ ">, expiration=" + this.expiration + ", expirationTtl=" + this.expirationTtl + ", metadata="
				+ this.metadata + "]";
	}

	private static long decodedLength(String base64) {
		int length = base64.length();
		int padding = 0;
		while (padding < 2 && length - padding > 0 && base64.charAt(length - padding - 1) == '=') {
			padding++;
		}
		return (long) length * 3 / 4 - padding;
	}

}
