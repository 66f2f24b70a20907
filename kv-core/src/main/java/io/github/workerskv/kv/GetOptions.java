package io.github.workerskv.kv;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Options of a read.
 *
 * <p>{@code cacheTtl} is how long a read value may be served from a cache before it is fetched again
 * (at least {@value KVLimits#MIN_CACHE_TTL_SECONDS} seconds, as Cloudflare and Miniflare enforce today;
 * older documentation said 60). The embedded store validates it and otherwise ignores it, because it
 * is always consistent; the REST client keeps values in a local read cache for that long.
 *
 * @param cacheTtl how long a cached copy may be served, or {@code null} for the store's default
 */
public record GetOptions(@Nullable Duration cacheTtl) {

	private static final GetOptions DEFAULTS = new GetOptions(null);

	/**
	 * Validates the options.
	 * @throws InvalidCacheTtlException if {@code cacheTtl} is shorter than 30 seconds
	 */
	public GetOptions {
		if (cacheTtl != null) {
			KVLimits.checkCacheTtl(cacheTtl.getSeconds());
		}
	}

	/** @return options with no {@code cacheTtl} */
	public static GetOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * @param cacheTtl how long a cached copy may be served; whole seconds, at least 30
	 * @return a copy with this cache TTL
	 */
	public GetOptions withCacheTtl(Duration cacheTtl) {
		return new GetOptions(cacheTtl);
	}

}
