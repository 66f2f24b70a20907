/**
 * Micrometer metrics for Workers KV: a {@link io.github.workerskv.kv.KVListener} that times every call of
 * every binding per operation and outcome and counts what the REST client's retries, pacing and budget did.
 * See {@link io.github.workerskv.kv.autoconfigure.metrics.KVMetricsAutoConfiguration}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
