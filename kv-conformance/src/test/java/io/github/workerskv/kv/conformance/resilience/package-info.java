/**
 * Proofs, over real HTTP against kv-emulator's fault injection, that the REST client survives Workers KV's
 * limits: a 429 storm on hot keys, random 5xx, dropped connections and latency, a bulk upload with failed
 * requests and unsuccessful keys, and a burst against the account-wide request budget. Each test prints its
 * figures on one line starting with {@code [resilience]}. Retry waits are scaled down by configuration
 * (small backoffs, {@code Retry-After} capped) so that the suite stays fast; each test says how.
 */
@NullMarked
package io.github.workerskv.kv.conformance.resilience;

import org.jspecify.annotations.NullMarked;
