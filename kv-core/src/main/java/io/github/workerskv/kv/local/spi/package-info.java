/**
 * How the embedded store's storage is plugged in: {@link io.github.workerskv.kv.local.spi.StorageEngine}
 * and the {@link java.util.ServiceLoader} entry point that opens a file-backed one. For the modules of this
 * library; applications use {@link io.github.workerskv.kv.local.LocalKVStore}.
 */
@NullMarked
package io.github.workerskv.kv.local.spi;

import org.jspecify.annotations.NullMarked;
