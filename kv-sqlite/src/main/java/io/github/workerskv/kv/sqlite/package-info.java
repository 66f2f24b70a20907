/**
 * The embedded store's SQLite file engine: on the class path, it makes
 * {@code LocalKVStore.open(Path)} and {@code cloudflare.kv.local.persist-path} work. Through sqlite-jdbc.
 */
@NullMarked
package io.github.workerskv.kv.sqlite;

import org.jspecify.annotations.NullMarked;
