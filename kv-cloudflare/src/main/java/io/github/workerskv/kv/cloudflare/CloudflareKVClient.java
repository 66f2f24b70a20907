package io.github.workerskv.kv.cloudflare;

import java.util.List;

import io.github.resilience4j.retry.RetryRegistry;

/**
 * A client of Cloudflare's Workers KV REST API v4 for one account: hands out namespaces and manages
 * them.
 *
 * <p>One client holds one HTTP client, shared by all its namespaces: Jetty's when {@code jetty-client} 12.1 is on
 * the class path, else the JDK's {@link java.net.http.HttpClient} ({@link CloudflareKVConfig#withHttpClient}
 * chooses; {@link #httpClient()} says which), plus the read cache and, unless the configuration supplies one, a pool of daemon threads for the
 * asynchronous calls. Create one per application and {@link #close()} it on shutdown.
 *
 * <pre>{@code
 * try (CloudflareKVClient client = CloudflareKVClient.create(
 *         CloudflareKVConfig.of(accountId, Credentials.apiToken(token)))) {
 *     CloudflareKVNamespace flags = client.namespace("0f2ac74b498b48028cb68387c421e279");
 *     flags.put("greeting", "hello");
 * }
 * }</pre>
 *
 * <p>Namespace management makes one request per call, except {@link #listNamespaces()}. Failures are
 * {@link CloudflareKVException}s. Thread-safe.
 *
 * <h2>Surviving KV's limits</h2>
 * Idempotent calls (reads, value writes and deletes, each request of a bulk call, and reading namespaces)
 * are retried on 429, 5xx other than 501, timeouts and dropped connections, honouring {@code Retry-After}
 * ({@link io.github.workerskv.kv.resilience.RetryOptions}); creating, renaming and deleting namespaces are
 * not. A call that fails for good after retries throws {@link CloudflareRetryExhaustedException}. Writes
 * can be paced to one per second per key ({@link io.github.workerskv.kv.resilience.WritePacingOptions}), and
 * all requests of the client kept within an account-wide budget
 * ({@link io.github.workerskv.kv.resilience.RequestBudgetOptions}).
 */
public interface CloudflareKVClient extends AutoCloseable {

	/**
	 * Creates a client. No request is made until the first call.
	 * @param config base URL, account, credentials, timeouts, cache and executor
	 * @return the client
	 */
	static CloudflareKVClient create(CloudflareKVConfig config) {
		return new DefaultCloudflareKVClient(config);
	}

	/**
	 * A namespace of the account. No request is made: an unknown id fails on first use with
	 * {@link CloudflareNamespaceNotFoundException}.
	 * @param namespaceId the namespace id (not its title)
	 * @return the namespace, the same instance for the same id
	 */
	CloudflareKVNamespace namespace(String namespaceId);

	/**
	 * Lists every namespace of the account, sorted by title: pages of 100
	 * ({@code GET /namespaces?page=N}) until an empty page, so {@code ceil(n / 100) + 1} requests.
	 * @return the namespaces
	 */
	List<NamespaceInfo> listNamespaces();

	/**
	 * Creates a namespace, {@code POST /namespaces}. One request.
	 * @param title a title unique in the account, 1..512 characters
	 * @return the new namespace with its id
	 * @throws CloudflareBadRequestException if the title is taken (code 10014)
	 */
	NamespaceInfo createNamespace(String title);

	/**
	 * Reads a namespace, {@code GET /namespaces/{id}}. One request.
	 * @param namespaceId the namespace id
	 * @return the namespace
	 * @throws CloudflareNamespaceNotFoundException if there is none with this id
	 */
	NamespaceInfo getNamespace(String namespaceId);

	/**
	 * Renames a namespace, {@code PUT /namespaces/{id}}. One request.
	 * @param namespaceId the namespace id
	 * @param title the new title, unique in the account, 1..512 characters
	 * @return the renamed namespace
	 * @throws CloudflareNamespaceNotFoundException if there is none with this id
	 */
	NamespaceInfo renameNamespace(String namespaceId, String title);

	/**
	 * Deletes a namespace and every key in it, {@code DELETE /namespaces/{id}}. One request.
	 * @param namespaceId the namespace id
	 * @throws CloudflareNamespaceNotFoundException if there is none with this id
	 */
	void deleteNamespace(String namespaceId);

	/** @return the configuration, whose {@code toString()} masks the credentials */
	CloudflareKVConfig config();

	/** @return the HTTP client that sends the requests: {@link HttpClientType#JDK} or {@link HttpClientType#JETTY} */
	HttpClientType httpClient();

	/**
	 * The Resilience4j registry that holds this client's retries, one per binding and operation, named
	 * {@code cloudflare-kv.<binding>.<operation>} and tagged {@code binding} and {@code operation}: bind it to
	 * metrics (for example with resilience4j-micrometer's {@code TaggedRetryMetrics}).
	 * @return the registry of {@link io.github.workerskv.kv.resilience.RetryOptions#registry()}, or the client's own
	 */
	RetryRegistry retryRegistry();

	/**
	 * Sends every write that write pacing holds back, in all namespaces, as soon as each key's window
	 * opens, and waits until they were sent. Does nothing when pacing is off.
	 * @throws CloudflarePacedWriteException if writes accepted since the last flush could not be sent (each
	 * was also reported to the listener and logged), or some were still pending after the longest a send can
	 * take (the pacing interval, the retry deadline and twice the request timeout)
	 */
	void flush();

	/**
	 * Flushes paced writes (for at most the pacing's {@code shutdownTimeout}; what is still pending then
	 * fails and is reported), stops the client's own threads (not a configured executor) and fails later
	 * calls with {@link IllegalStateException}. Calls in flight finish.
	 * @throws CloudflarePacedWriteException if paced writes could not be sent; the client is closed anyway
	 */
	@Override
	void close();

}
