package io.github.workerskv.kv.cloudflare;

import java.time.Duration;

import io.github.workerskv.kv.resilience.ResilienceListener;
import org.jspecify.annotations.Nullable;

/**
 * What one client's namespaces share to survive KV's limits.
 *
 * @param retrier runs calls with retries
 * @param pacer paces writes per key, or {@code null} when pacing is off
 * @param flushTimeout how long {@code flush()} waits at most
 * @param listener told what retries, pacing and the budget did; never throws
 */
record Resilience(Retrier retrier, @Nullable WritePacer pacer, Duration flushTimeout, ResilienceListener listener) {
}
