/**
 * Actuator health for Workers KV: one check per binding, under the {@code kv} contributor. See
 * {@link io.github.workerskv.kv.autoconfigure.health.KVHealthContributorAutoConfiguration}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
