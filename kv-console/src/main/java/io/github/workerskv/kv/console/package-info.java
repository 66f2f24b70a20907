/**
 * The KV console without a web framework: {@link io.github.workerskv.kv.console.KVConsole} answers a
 * {@link io.github.workerskv.kv.console.ConsoleRequest} with a {@link io.github.workerskv.kv.console.ConsoleResponse},
 * serving the console's pages and its JSON API over the {@link io.github.workerskv.kv.KVNamespace}s of a
 * {@link io.github.workerskv.kv.console.ConsoleBackend}. The Spring Boot auto-configuration and the emulator
 * adapt it to Spring MVC and to Jetty.
 */
@NullMarked
package io.github.workerskv.kv.console;

import org.jspecify.annotations.NullMarked;
