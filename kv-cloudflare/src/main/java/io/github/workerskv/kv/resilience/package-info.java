/**
 * How the REST client survives Workers KV's limits, configured on
 * {@link io.github.workerskv.kv.cloudflare.CloudflareKVConfig}: {@link io.github.workerskv.kv.resilience.RetryOptions}
 * (Resilience4j retries that honour {@code Retry-After}), {@link io.github.workerskv.kv.resilience.WritePacingOptions}
 * (at most one write per second per key, coalescing hot keys), {@link io.github.workerskv.kv.resilience.RequestBudgetOptions}
 * (an account-wide request budget), and {@link io.github.workerskv.kv.resilience.ResilienceListener}, which
 * reports what they did so that it can be counted ({@link io.github.workerskv.kv.resilience.ResilienceStatistics})
 * or turned into metrics.
 *
 * <p>Nothing here depends on Spring or Micrometer; the types are plain immutable values and one callback
 * interface.
 */
@NullMarked
package io.github.workerskv.kv.resilience;

import org.jspecify.annotations.NullMarked;
