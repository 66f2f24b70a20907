package io.github.workerskv.kv;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One pair of a {@link KVNamespace#bulkPut(java.util.List) bulk put}: a key, its value, and optionally its
 * expiration and metadata. Immutable; start from {@link #of(String, String)} or {@link #of(String, byte[])}
 * and add the rest with the {@code with…} methods.
 *
 * <p>Values are held as the REST API's bulk items carry them: text, or base64 for binary values
 * ({@link #of(String, byte[])}), which every store decodes. Like a single put, a bulk write replaces value,
 * expiration and metadata together, and {@code expirationTtl} wins over {@code expiration}. Keys, TTLs and
 * value sizes are checked here; absolute expirations and metadata when the bulk put runs.
 */
public final class BulkWrite {

	private final String key;

	private final String value;

	private final boolean base64;

	private final @Nullable Long expiration;

	private final @Nullable Long expirationTtl;

	private final @Nullable Object metadata;

	private BulkWrite(String key, String value, boolean base64, @Nullable Long expiration, @Nullable Long expirationTtl,
			@Nullable Object metadata) {
		this.key = key;
		this.value = value;
		this.base64 = base64;
		this.expiration = expiration;
		this.expirationTtl = expirationTtl;
		this.metadata = metadata;
	}

	/**
	 * A text value, with no expiration and no metadata.
	 * @param key the key, 1..512 UTF-8 bytes, not {@code .} or {@code ..}
	 * @param value the text, at most 25 MiB as UTF-8
	 * @return the write
	 * @throws InvalidKeyException if the key is invalid
	 * @throws ValueTooLargeException if the value exceeds 25 MiB
	 */
	public static BulkWrite of(String key, String value) {
		Objects.requireNonNull(value, "value must not be null");
		checkKey(key);
		KVLimits.checkValueLength(KVLimits.utf8Length(value, "Value"));
		return new BulkWrite(key, value, false, null, null, null);
	}

	/**
	 * A binary value, carried base64-encoded, with no expiration and no metadata.
	 * @param key the key, 1..512 UTF-8 bytes, not {@code .} or {@code ..}
	 * @param value the bytes, at most 25 MiB
	 * @return the write
	 * @throws InvalidKeyException if the key is invalid
	 * @throws ValueTooLargeException if the value exceeds 25 MiB
	 */
	public static BulkWrite of(String key, byte[] value) {
		Objects.requireNonNull(value, "value must not be null");
		checkKey(key);
		KVLimits.checkValueLength(value.length);
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
	 * @throws InvalidExpirationException if {@code seconds} is below 60
	 */
	public BulkWrite withExpirationTtl(long seconds) {
		KVLimits.checkExpirationTtl(seconds);
		return new BulkWrite(this.key, this.value, this.base64, this.expiration, seconds, this.metadata);
	}

	/**
	 * @param metadata any JSON-serialisable value, or {@code null} for none
	 * @return a copy with this metadata
	 */
	public BulkWrite withMetadata(@Nullable Object metadata) {
		return new BulkWrite(this.key, this.value, this.base64, this.expiration, this.expirationTtl, metadata);
	}

	/** @return the key */
	public String key() {
		return this.key;
	}

	/** @return the value: text, or base64 when {@link #base64()} */
	public String value() {
		return this.value;
	}

	/** @return whether {@link #value()} is base64 of the bytes to store */
	public boolean base64() {
		return this.base64;
	}

	/** @return the value's bytes: the text as UTF-8, or the base64 decoded */
	public byte[] bytes() {
		return this.base64 ? Base64.getDecoder().decode(this.value)
				: this.value.getBytes(StandardCharsets.UTF_8);
	}

	/** @return when the key expires in seconds since the UNIX epoch, or {@code null} */
	public @Nullable Long expiration() {
		return this.expiration;
	}

	/** @return seconds until the key expires, or {@code null} */
	public @Nullable Long expirationTtl() {
		return this.expirationTtl;
	}

	/** @return the metadata, or {@code null} */
	public @Nullable Object metadata() {
		return this.metadata;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof BulkWrite that && this.base64 == that.base64 && this.key.equals(that.key)
				&& this.value.equals(that.value) && Objects.equals(this.expiration, that.expiration)
				&& Objects.equals(this.expirationTtl, that.expirationTtl) && Objects.equals(this.metadata, that.metadata);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.key, this.value, this.base64, this.expiration, this.expirationTtl, this.metadata);
	}

	@Override
	public String toString() {
		return "BulkWrite[key=" + this.key + ", value=<" + this.value.length() + " chars" + (this.base64 ? ", base64" : "")
				+ ">, expiration=" + this.expiration + ", expirationTtl=" + this.expirationTtl + ", metadata="
				+ this.metadata + "]";
	}

	private static void checkKey(String key) {
		Objects.requireNonNull(key, "key must not be null");
		KVLimits.checkKey(key);
	}

}
