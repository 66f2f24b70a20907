/**
 * Test support for Workers KV in Spring Boot: {@link io.github.workerskv.kv.test.AutoConfigureKVEmulator}
 * runs the application against the KV emulator, a local server that speaks Cloudflare's REST API.
 */
@NullMarked
package io.github.workerskv.kv.test;

import org.jspecify.annotations.NullMarked;
