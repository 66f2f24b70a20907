package io.github.workerskv.kv;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Options of a read. Immutable; start from {@link #defaults()} and change it with the {@code with…} methods.
 *
 * <p>{@code cacheTtl} is how long a read value may be served from a cache before it is fetched again
 * (at least {@value KVLimits#MIN_CACHE_TTL_SECONDS} seconds, as Cloudflare and Miniflare enforce today;
 * older documentation said 60). The embedded store validates it and otherwise ignores it, because it
 * is always consistent; the REST client keeps values in a local read cache for that long.
 */
public final class GetOptions {

	private static final GetOptions DEFAULTS = new GetOptions(null);

	private final @Nullable Duration cacheTtl;

	private GetOptions(@Nullable Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	/** @return options with no {@code cacheTtl} */
	public static GetOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param cacheTtl how long a cached copy may be served; whole seconds, at least 30
	 * @return a copy with this cache TTL
	 * @throws InvalidCacheTtlException if {@code cacheTtl} is shorter than 30 seconds
	 */
	public GetOptions withCacheTtl(Duration cacheTtl) {
		Objects.requireNonNull(cacheTtl, "cacheTtl must not be null");
		KVLimits.checkCacheTtl(cacheTtl.getSeconds());
		return new GetOptions(cacheTtl);
	}

	/** @return how long a cached copy may be served, or {@code null} for the store's default */
	public @Nullable Duration cacheTtl() {
		return this.cacheTtl;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof GetOptions that && Objects.equals(this.cacheTtl, that.cacheTtl);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.cacheTtl);
	}

	@Override
	public String toString() {
		return "GetOptions[cacheTtl=" + this.cacheTtl + "]";
	}

}
