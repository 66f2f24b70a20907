/**
 * Spring Boot auto-configuration for Workers KV: {@code cloudflare.kv.*} properties, the embedded
 * {@link io.github.workerskv.kv.local.LocalKVStore}, and a {@link io.github.workerskv.kv.autoconfigure.KVNamespaces}
 * registry with one {@link io.github.workerskv.kv.KVNamespace} per configured binding.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure;

import org.jspecify.annotations.NullMarked;
