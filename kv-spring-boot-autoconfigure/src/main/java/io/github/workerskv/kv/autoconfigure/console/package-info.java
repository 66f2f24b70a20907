/**
 * The KV console in a Spring MVC application: {@code cloudflare.kv.console.*}, the handler that serves
 * {@link io.github.workerskv.kv.console.KVConsole} under its path, and the refusal to run it unprotected on
 * Cloudflare.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.console;

import org.jspecify.annotations.NullMarked;
