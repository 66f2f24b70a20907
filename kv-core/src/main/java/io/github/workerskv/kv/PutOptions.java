package io.github.workerskv.kv;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Options of a write: when the key expires, and its metadata.
 *
 * <p>A write replaces the value, the expiration and the metadata together: writing a key without
 * options clears any expiration and metadata it had. When both {@code expiration} and
 * {@code expirationTtl} are set, the TTL wins and {@code expiration} is ignored, as in KV.
 *
 * @param expiration when the key expires, in seconds since the UNIX epoch; at least 60 s ahead at
 * write time (checked against the store's clock when written), or {@code null}
 * @param expirationTtl how many seconds after the write the key expires (at least 60), or {@code null}
 * @param metadata any value Jackson can serialise to at most 1024 bytes of JSON, or {@code null}
 */
public record PutOptions(@Nullable Long expiration, @Nullable Long expirationTtl, @Nullable Object metadata) {

	private static final PutOptions NONE = new PutOptions(null, null, null);

	/**
	 * Validates what can be checked without a clock.
	 * @throws InvalidExpirationException if {@code expirationTtl} is below 60 or out of range
	 */
	public PutOptions {
		if (expirationTtl != null) {
			KVLimits.checkExpirationTtl(expirationTtl);
		}
	}

	/** @return options with no expiration and no metadata */
	public static PutOptions none() {
		return NONE;
	}

	/**
	 * @param epochSeconds when the key expires, in seconds (not milliseconds) since the UNIX epoch
	 * @return a copy with this absolute expiration
	 */
	public PutOptions withExpiration(long epochSeconds) {
		return new PutOptions(epochSeconds, this.expirationTtl, this.metadata);
	}

	/**
	 * @param instant when the key expires; fractions of a second are dropped
	 * @return a copy with this absolute expiration
	 */
	public PutOptions withExpiration(Instant instant) {
		return withExpiration(instant.getEpochSecond());
	}

	/**
	 * @param seconds how long after the write the key expires (at least 60)
	 * @return a copy with this time to live
	 */
	public PutOptions withExpirationTtl(long seconds) {
		return new PutOptions(this.expiration, seconds, this.metadata);
	}

	/**
	 * @param ttl how long after the write the key expires; fractions of a second are dropped, and
	 * the result must be at least 60 seconds
	 * @return a copy with this time to live
	 */
	public PutOptions withExpirationTtl(Duration ttl) {
		return withExpirationTtl(ttl.getSeconds());
	}

	/**
	 * @param metadata any JSON-serialisable value (a record, a map, a string, a number...), or
	 * {@code null} for none
	 * @return a copy with this metadata
	 */
	public PutOptions withMetadata(@Nullable Object metadata) {
		return new PutOptions(this.expiration, this.expirationTtl, metadata);
	}

}
