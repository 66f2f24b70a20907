/**
 * The Workers KV binding API in Java: {@link io.github.workerskv.kv.KVNamespace}, its options and
 * results, the limits KV enforces ({@link io.github.workerskv.kv.KVLimits}) and the exceptions that
 * report a broken limit.
 */
@NullMarked
package io.github.workerskv.kv;

import org.jspecify.annotations.NullMarked;
