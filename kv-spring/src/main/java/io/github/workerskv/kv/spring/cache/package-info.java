/**
 * A Spring {@link org.springframework.cache.Cache} on Workers KV.
 *
 * <p>{@link io.github.workerskv.kv.spring.cache.KVCacheManager} makes
 * {@link io.github.workerskv.kv.spring.cache.KVCache}s, each configured by an immutable
 * {@link io.github.workerskv.kv.spring.cache.KVCacheConfiguration}: a
 * {@link io.github.workerskv.kv.spring.cache.TtlFunction} evaluated on every write, null caching, a key
 * prefix, a {@link io.github.workerskv.kv.spring.cache.KVCacheValueCodec}, an optional Caffeine near cache
 * and fail-open behaviour. Below the caches a {@link io.github.workerskv.kv.spring.cache.KVCacheWriter}
 * moves bytes to and from one namespace; it is where KV's 60 second minimum expiration is applied.
 *
 * <p>KV is eventually consistent (a change can take about 60 seconds to be seen everywhere), has no
 * conditional writes and no locks, and allows one write per second per key. Every type here says which
 * of Spring's cache guarantees survive that.
 */
@NullMarked
package io.github.workerskv.kv.spring.cache;

import org.jspecify.annotations.NullMarked;
