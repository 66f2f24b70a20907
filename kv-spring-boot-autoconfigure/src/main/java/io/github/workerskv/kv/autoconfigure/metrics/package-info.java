/**
 * Micrometer metrics for Workers KV: every {@link io.github.workerskv.kv.KVNamespace} bean and every
 * namespace of the {@link io.github.workerskv.kv.autoconfigure.KVNamespaces} registry is timed per binding,
 * operation and outcome. See
 * {@link io.github.workerskv.kv.autoconfigure.metrics.KVMetricsAutoConfiguration}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
