package io.github.workerskv.kv.internal;

import org.jspecify.annotations.Nullable;

/**
 * A validated write of one key, as it travels from {@code KVNamespace} to a store: every limit is checked
 * (a stream's size as it is read) and at most one of the two expirations is set.
 *
 * @param key a valid key
 * @param value the value
 * @param expiration absolute expiration in epoch seconds, at least 60 s ahead when checked, or {@code null}
 * @param expirationTtl time to live in seconds, at least 60, or {@code null}
 * @param metadataJson metadata as JSON within 1024 bytes, or {@code null}
 * @param trace what the layers below report back
 */
public record WriteRequest(String key, ValueSource value, @Nullable Long expiration, @Nullable Long expirationTtl,
		@Nullable String metadataJson, CallTrace trace) {

	public WriteRequest {
		if (expiration != null && expirationTtl != null) {
			throw new IllegalArgumentException("A write carries an expiration or a time to live, not both");
		}
	}

	/**
	 * @param nowSeconds the current time in epoch seconds
	 * @return when the key expires in epoch seconds, or {@code null} if it does not
	 */
	public @Nullable Long expiresAt(long nowSeconds) {
		return (this.expirationTtl != null) ? Long.valueOf(nowSeconds + this.expirationTtl) : this.expiration;
	}

	/**
	 * @param value the value, for example a stream read into bytes
	 * @return a copy that writes this value
	 */
	public WriteRequest withValue(ValueSource value) {
		return new WriteRequest(this.key, value, this.expiration, this.expirationTtl, this.metadataJson, this.trace);
	}

}
