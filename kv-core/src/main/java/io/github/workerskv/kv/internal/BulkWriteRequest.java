package io.github.workerskv.kv.internal;

import java.util.List;

import io.github.workerskv.kv.BulkOptions;
import io.github.workerskv.kv.BulkWrite;
import org.jspecify.annotations.Nullable;

/**
 * A validated bulk write: every pair's key, size, expiration and metadata checked.
 *
 * @param items the pairs, in order
 * @param options the caller's progress callback
 * @param trace what the layers below report back
 */
public record BulkWriteRequest(List<Item> items, BulkOptions options, CallTrace trace) {

	public BulkWriteRequest {
		items = List.copyOf(items);
	}

	/**
	 * One checked pair.
	 * @param write the pair; its {@code expiration} is ignored when it has an {@code expirationTtl}
	 * @param expiration the absolute expiration to write (when there is no TTL), checked, or {@code null}
	 * @param metadataJson its metadata as JSON within 1024 bytes, or {@code null}
	 */
	public record Item(BulkWrite write, @Nullable Long expiration, @Nullable String metadataJson) {

		/** @return the key */
		public String key() {
			return this.write.key();
		}

		/**
		 * @param nowSeconds the current time in epoch seconds
		 * @return when the key expires in epoch seconds, or {@code null}
		 */
		public @Nullable Long expiresAt(long nowSeconds) {
			Long ttl = this.write.expirationTtl();
			return (ttl != null) ? Long.valueOf(nowSeconds + ttl) : this.expiration;
		}

	}

}
