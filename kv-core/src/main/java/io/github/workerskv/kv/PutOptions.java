package io.github.workerskv.kv;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of a write: when the key expires, and its metadata. Immutable; start from {@link #none()} and
 * change it with the {@code with…} methods.
 *
 * <p>A write replaces the value, the expiration and the metadata together: writing a key without
 * options clears any expiration and metadata it had. When both {@code expiration} and
 * {@code expirationTtl} are set, the TTL wins and {@code expiration} is ignored, as in KV. An absolute
 * expiration must be at least 60 s ahead when written (checked against the store's clock then).
 */
public final class PutOptions {

	private static final PutOptions NONE = new PutOptions(null, null, null);

	private final @Nullable Long expiration;

	private final @Nullable Long expirationTtl;

	private final @Nullable Object metadata;

	private PutOptions(@Nullable Long expiration, @Nullable Long expirationTtl, @Nullable Object metadata) {
		this.expiration = expiration;
		this.expirationTtl = expirationTtl;
		this.metadata = metadata;
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
	 * @throws InvalidExpirationException if {@code seconds} is below 60 or out of range
	 */
	public PutOptions withExpirationTtl(long seconds) {
		KVLimits.checkExpirationTtl(seconds);
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
	 * {@code null} for none; at most 1024 bytes of JSON
	 * @return a copy with this metadata
	 */
	public PutOptions withMetadata(@Nullable Object metadata) {
		return new PutOptions(this.expiration, this.expirationTtl, metadata);
	}

	/** @return when the key expires, in seconds since the UNIX epoch, or {@code null} */
	public @Nullable Long expiration() {
		return this.expiration;
	}

	/** @return how many seconds after the write the key expires, or {@code null} */
	public @Nullable Long expirationTtl() {
		return this.expirationTtl;
	}

	/** @return the metadata, or {@code null} */
	public @Nullable Object metadata() {
		return this.metadata;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof PutOptions that && Objects.equals(this.expiration, that.expiration)
				&& Objects.equals(this.expirationTtl, that.expirationTtl) && Objects.equals(this.metadata, that.metadata);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.expiration, this.expirationTtl, this.metadata);
	}

	@Override
	public String toString() {
		return "PutOptions[expiration=" + this.expiration + ", expirationTtl=" + this.expirationTtl + ", metadata="
				+ this.metadata + "]";
	}

}
