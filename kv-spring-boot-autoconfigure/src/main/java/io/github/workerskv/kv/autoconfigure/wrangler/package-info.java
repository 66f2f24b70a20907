/**
 * Reads the KV bindings of a wrangler configuration file ({@code wrangler.toml}, {@code wrangler.json}
 * or {@code wrangler.jsonc}), so that a Worker and a Spring application can share one list of
 * namespaces. See {@link io.github.workerskv.kv.autoconfigure.wrangler.WranglerConfig}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.wrangler;

import org.jspecify.annotations.NullMarked;
