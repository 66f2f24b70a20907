/**
 * The KV emulator's container image in tests: {@link io.github.workerskv.kv.testcontainers.KVEmulatorContainer}
 * for Testcontainers, and the connection details that let Spring Boot's {@code @ServiceConnection} and Docker
 * Compose support point an application's {@link io.github.workerskv.kv.KVNamespace} beans at it.
 */
@NullMarked
package io.github.workerskv.kv.testcontainers;

import org.jspecify.annotations.NullMarked;
