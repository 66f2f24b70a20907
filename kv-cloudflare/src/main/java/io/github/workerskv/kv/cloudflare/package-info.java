/**
 * A client of Cloudflare's Workers KV REST API v4: {@link io.github.workerskv.kv.cloudflare.CloudflareKVClient}
 * gives each namespace as a {@link io.github.workerskv.kv.cloudflare.CloudflareKVNamespace}, the binding's API
 * plus the REST-only bulk writes and deletes, and manages namespaces.
 *
 * <p>Every request goes through one HTTP client per client: Jetty's when {@code jetty-client} 12.1 is on the class
 * path, else the JDK's {@link java.net.http.HttpClient} ({@link io.github.workerskv.kv.cloudflare.HttpClientType}).
 * Failures are typed
 * subclasses of {@link io.github.workerskv.kv.cloudflare.CloudflareKVException}. Credentials never appear in
 * logs, {@code toString()} or exception messages.
 */
@NullMarked
package io.github.workerskv.kv.cloudflare;

import org.jspecify.annotations.NullMarked;
