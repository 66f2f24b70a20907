/**
 * Spring Boot auto-configuration of the Spring Cache on Workers KV: a
 * {@link io.github.workerskv.kv.spring.cache.KVCacheManager} from {@code cloudflare.kv.cache.*} properties, its
 * customizers and its Micrometer cache metrics. See
 * {@link io.github.workerskv.kv.autoconfigure.cache.KVCacheAutoConfiguration}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
