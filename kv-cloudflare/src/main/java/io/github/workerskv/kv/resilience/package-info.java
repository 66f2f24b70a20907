/**
 * How the REST client survives Workers KV's limits, configured on
 * {@link io.github.workerskv.kv.cloudflare.CloudflareKVConfig}: {@link io.github.workerskv.kv.resilience.RetryOptions}
 * (Resilience4j retries that honour {@code Retry-After}), {@link io.github.workerskv.kv.resilience.WritePacingOptions}
 * (at most one write per second per key, coalescing hot keys), {@link io.github.workerskv.kv.resilience.RequestBudgetOptions}
 * (an account-wide request budget). What they did is reported to the client's
 * {@link io.github.workerskv.kv.KVListener}, which can count it
 * ({@link io.github.workerskv.kv.resilience.ResilienceStatistics}) or turn it into metrics.
 *
 * <p>Nothing here depends on Spring or Micrometer; the types are plain immutable values.
 */
@NullMarked
package io.github.workerskv.kv.resilience;

import org.jspecify.annotations.NullMarked;
