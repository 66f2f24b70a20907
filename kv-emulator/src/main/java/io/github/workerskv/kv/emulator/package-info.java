/**
 * A local server that speaks Cloudflare's Workers KV REST API v4 over the embedded store, so that
 * the REST client, wrangler and the {@code cloudflare} npm SDK can be used without a Cloudflare
 * account: {@link io.github.workerskv.kv.emulator.KVEmulator} (the server),
 * {@link io.github.workerskv.kv.emulator.KVEmulatorOptions} (how to start it, with an optional
 * {@link io.github.workerskv.kv.emulator.RequestBudget} and its
 * {@link io.github.workerskv.kv.emulator.ServerLimits} against slow or too many clients),
 * {@link io.github.workerskv.kv.emulator.KVEmulatorClock} (time that tests move by hand),
 * {@link io.github.workerskv.kv.emulator.KVEmulatorStats} (what was answered),
 * {@link io.github.workerskv.kv.emulator.Faults} (latency, 429, 5xx and dropped connections on
 * demand), {@link io.github.workerskv.kv.emulator.KVEmulatorExtension} (JUnit 5) and
 * {@link io.github.workerskv.kv.emulator.KVEmulatorMain} ({@code java -jar kv-emulator.jar}).
 */
@NullMarked
package io.github.workerskv.kv.emulator;

import org.jspecify.annotations.NullMarked;
