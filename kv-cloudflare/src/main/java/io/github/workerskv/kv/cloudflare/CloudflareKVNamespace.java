package io.github.workerskv.kv.cloudflare;

import io.github.workerskv.kv.KVNamespace;

/**
 * One namespace over Cloudflare's REST API: the binding's {@link KVNamespace} API with its bulk writes and
 * deletes, plus what only the REST API has ({@link #info()}). Get one from
 * {@link CloudflareKVClient#namespace(String)}; code written against {@link KVNamespace} reaches it with
 * {@code kv.unwrap(CloudflareKVNamespace.class)}.
 *
 * <h2>HTTP requests per call</h2>
 * <table>
 * <caption>requests per call</caption>
 * <tr><th>call</th><th>requests</th></tr>
 * <tr><td>{@code get(key, …)} (any type)</td><td>1: {@code GET /values/{key}}</td></tr>
 * <tr><td>{@code getWithMetadata(key, …)} as text or JSON</td><td>1: {@code POST /bulk/get} with
 * {@code withMetadata}</td></tr>
 * <tr><td>{@code getWithMetadata(key, …)} as bytes or stream</td><td>2: {@code GET /values/{key}} then
 * {@code GET /metadata/{key}} (1 if the key is missing); the two reads are not atomic</td></tr>
 * <tr><td>{@code get(keys, …)}, {@code getWithMetadata(keys, …)}</td><td>1 {@code POST /bulk/get} per
 * 100 keys (the binding allows 100, so 1)</td></tr>
 * <tr><td>{@code put(…)}</td><td>1: {@code PUT /values/{key}}, a raw body without metadata, multipart
 * ({@code value}, {@code metadata}) with it</td></tr>
 * <tr><td>{@code delete(key)}</td><td>1: {@code DELETE /values/{key}}</td></tr>
 * <tr><td>{@code list(options)}</td><td>1: {@code GET /keys}</td></tr>
 * <tr><td>{@code bulkPut(writes)}</td><td>1 {@code PUT /bulk} per 10,000 writes or 100 MB of JSON</td></tr>
 * <tr><td>{@code bulkDelete(keys)}</td><td>1 {@code POST /bulk/delete} per 10,000 keys</td></tr>
 * </table>
 * A read with {@code cacheTtl} served from the local read cache makes none. Retries add requests: see
 * below.
 *
 * <h2>Retries, pacing and the request budget</h2>
 * <ul>
 * <li>Every read above ({@code get}, {@code getWithMetadata}, bulk reads, {@code list}, {@code info()}) is
 * retried on 429, 5xx other than 501, timeouts and dropped connections, as the client's
 * {@link io.github.workerskv.kv.resilience.RetryOptions} say, waiting what {@code Retry-After} asks; a
 * call that fails for good throws {@link CloudflareRetryExhaustedException}. Other failures (validation,
 * authentication, a missing namespace) are thrown at once.</li>
 * <li>Every write ({@code put}, {@code delete}, each request of {@code bulkPut} and {@code bulkDelete}) is
 * retried only when no earlier attempt of it can be applied after the retry: on 429, 500, 503 and the
 * other 5xx answers but 501, 502, 504, 520 and 524, when no connection could be made, and when the
 * connection broke before the whole request was sent. An attempt with an unknown outcome (no answer
 * within the request timeout, or a broken connection, after the request was sent; a gateway's 502, 504,
 * 520 or 524) may still be applied later, even after a later write of the key, so the write is not
 * retried and fails with {@link CloudflareAmbiguousWriteException}, unless the retry options'
 * {@code ambiguousWriteSettleTime} is set: then it is retried once that time has passed. So an
 * acknowledged write is never undone by an earlier attempt of itself. A {@code put} from an
 * {@link java.io.InputStream} is sent once.</li>
 * <li>A bulk write or delete retries each failed request on its own as above, never stops at a failed one,
 * and then sends again only the keys the server listed in {@code unsuccessful_keys} (the server answered for
 * them), in up to {@code maxAttempts - 1} more rounds; the keys of a request that failed for good, or whose
 * outcome is unknown, are reported as unsuccessful and not sent again.</li>
 * <li>With {@link io.github.workerskv.kv.resilience.WritePacingOptions write pacing} on, {@code put} and
 * {@code delete} may return once the write is accepted, before it is sent; {@code putAsync} and
 * {@code deleteAsync} complete when it was sent; {@code flush()} waits for what is pending. A key's writes
 * go out one at a time, each retried as above. Reads through this client see pending writes.</li>
 * <li>The client does not reuse a connection that has been idle longer than its
 * {@link CloudflareKVConfig#idleConnectionTimeout() idleConnectionTimeout} (15 s), so that no request is
 * sent on a connection the server is closing.</li>
 * </ul>
 *
 * <h2>Differences from the binding</h2>
 * <ul>
 * <li>{@code cacheTtl} keeps the result (a miss too) in this client's local, size-bounded read cache
 * for that long, the client-side analogue of KV's edge cache; reads without it always ask the API. This
 * client's own writes and deletes of a key drop it from the cache; other writers' changes are seen
 * once the entry is older than the reading call's {@code cacheTtl}. Stream reads are served from the
 * cache but never stored in it.</li>
 * <li>{@code getWithMetadata} reports the expiration where the API gives it (the {@code expiration}
 * header of a value read, or the bulk read's {@code expiration} field).</li>
 * <li>The REST API lists at least 10 keys per request. A {@code limit} below 10 is honoured: the client
 * fetches 10 and returns {@code limit} of them with a cursor of its own that resumes exactly after the
 * last key returned (see {@link io.github.workerskv.kv.ListResult#cursor()}; cursors stay opaque).</li>
 * <li>Reads and writes are eventually consistent across Cloudflare's locations (about 60 s).</li>
 * <li>The asynchronous twins run the blocking calls on the configured executor.</li>
 * </ul>
 *
 * <p>Failures are {@link CloudflareKVException}s; a missing key reads as {@code null}. Inputs are checked
 * before any request, as on every {@link KVNamespace}; the two checks only the server can make end as the
 * embedded store's exceptions too, with the server's message and its answer as the cause: a cursor the
 * server refuses is an {@link io.github.workerskv.kv.InvalidListOptionsException}, and a bulk get the server
 * refuses (values over 25 MiB in total) an {@link io.github.workerskv.kv.InvalidBulkGetException}.
 * Thread-safe.
 */
public interface CloudflareKVNamespace extends KVNamespace {

	/**
	 * Reads this namespace's title and settings, {@code GET /namespaces/{id}}. One request.
	 * @return the namespace as the API describes it
	 * @throws CloudflareNamespaceNotFoundException if the account has no namespace with this id
	 */
	NamespaceInfo info();

	/**
	 * This namespace with every request sent once: no retries, whatever the client's
	 * {@link io.github.workerskv.kv.resilience.RetryOptions} say, and one round per bulk call. A failure
	 * surfaces at once as the exception of its answer (a 429 as {@link CloudflareRateLimitException}, a
	 * refused connection as {@link CloudflareIOException}), never as {@link CloudflareRetryExhaustedException}.
	 * Everything else is shared with this namespace: the client's connection, request budget, write pacing,
	 * read cache and listener (calls are reported under the same binding).
	 *
	 * <p>Meant for checks that must answer quickly and truthfully, such as health checks and start-up
	 * verification. Each request is still bounded only by the client's connect and request timeouts; to
	 * bound a check more tightly, wait for an asynchronous call with a timeout
	 * ({@code listAsync(options).orTimeout(...)}), which stops the wait, not the request.
	 * @return the single-attempt view (the view's own view is itself); no request is made
	 */
	CloudflareKVNamespace withoutRetries();

}
