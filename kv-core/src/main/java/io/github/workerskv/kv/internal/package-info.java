/**
 * Shared machinery of the {@code KVNamespace} implementations. Public only so that the packages of
 * this library can share it: not an API, and it may change in any release.
 */
@NullMarked
package io.github.workerskv.kv.internal;

import org.jspecify.annotations.NullMarked;
