/**
 * Configuration imported from Workers KV: {@code spring.config.import=cloudflare-kv:BINDING/prefix/} (one
 * property per key) and {@code cloudflare-kv:BINDING/key.yaml} (a YAML, {@code .properties} or JSON document),
 * with profile-specific variants, a background refresh ({@code cloudflare.kv.config.refresh-interval}) and
 * secrets masked in the actuator's {@code env} endpoint.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.configdata;

import org.jspecify.annotations.NullMarked;
