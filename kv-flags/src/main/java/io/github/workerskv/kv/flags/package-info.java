/**
 * Feature flags on Workers KV: {@link io.github.workerskv.kv.flags.FeatureFlags} evaluates the
 * {@code flags:global} and {@code flags:user:<id>} documents that Workers read, with flagd's rule format, from
 * memory refreshed in the background; {@link io.github.workerskv.kv.flags.FeatureFlagsAdmin} writes them,
 * validated, versioned, paced and audited.
 */
@NullMarked
package io.github.workerskv.kv.flags;

import org.jspecify.annotations.NullMarked;
