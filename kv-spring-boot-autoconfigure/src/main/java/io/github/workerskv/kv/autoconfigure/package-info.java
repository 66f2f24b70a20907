/**
 * Spring Boot auto-configuration for Workers KV: {@code cloudflare.kv.*} properties, one
 * {@link io.github.workerskv.kv.KVNamespace} bean per binding with a
 * {@link io.github.workerskv.kv.autoconfigure.KVNamespaces} registry, on the embedded
 * {@link io.github.workerskv.kv.local.LocalKVStore} or on Cloudflare through
 * {@link io.github.workerskv.kv.autoconfigure.KVConnectionDetails}, and failure analyzers that name the
 * property to fix.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure;

import org.jspecify.annotations.NullMarked;
