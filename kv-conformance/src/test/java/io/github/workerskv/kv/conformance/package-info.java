/**
 * Conformance of kv-emulator with the real clients: wrangler and the {@code cloudflare} npm SDK,
 * installed from {@code kv-conformance/js} and run as node processes against an emulator on
 * 127.0.0.1. The package {@code client} holds the REST client's HTTP tests.
 */
@NullMarked
package io.github.workerskv.kv.conformance;

import org.jspecify.annotations.NullMarked;
