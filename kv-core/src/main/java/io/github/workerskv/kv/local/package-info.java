/**
 * The embedded store: a {@link io.github.workerskv.kv.local.LocalKVStore} holds any number of
 * namespaces in memory or in one SQLite file, and behaves as KV does (limits, UTF-8 key order,
 * start-after cursors, expiration by an injected clock), except that it is strongly consistent.
 */
@NullMarked
package io.github.workerskv.kv.local;

import org.jspecify.annotations.NullMarked;
