/**
 * Feature flags on Workers KV in Spring Boot: {@code FeatureFlags} and {@code FeatureFlagsAdmin} beans from
 * {@code cloudflare.kv.flags.*}, the OpenFeature provider, the {@code flags} actuator endpoint, health and meters.
 * See {@link io.github.workerskv.kv.autoconfigure.flags.KVFlagsAutoConfiguration}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.flags;

import org.jspecify.annotations.NullMarked;
