package io.github.workerskv.kv.emulator;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local server that speaks Cloudflare's Workers KV REST API v4, over an embedded
 * {@link LocalKVStore}: namespaces (list, create, get, rename, delete), keys, values, metadata, bulk
 * write/delete/get, and the account endpoints wrangler calls. wrangler ({@code CLOUDFLARE_API_BASE_URL}),
 * the {@code cloudflare} npm SDK ({@code baseURL}) and this project's REST client work against it
 * unchanged.
 *
 * <pre>{@code
 * try (KVEmulator kv = KVEmulator.start(KVEmulatorOptions.defaults().withToken("test-token"))) {
 *     URI base = kv.baseUrl();   // http://127.0.0.1:PORT/client/v4
 *     ...
 * }
 * }</pre>
 *
 * <p>Behaviour follows the real API where it is known: keys are taken from the raw path and
 * percent-decoded once ({@code +} stays a plus; {@code %2F} is a slash in the key), KV's limits
 * answer with Miniflare's messages and statuses, key lists end with {@code cursor: ""}, namespace
 * pages past the end are empty, error code 10000 means an authentication failure and nothing else.
 *
 * <p>Optionally it enforces KV's one write per second per key
 * ({@link KVEmulatorOptions#withEnforceWriteRate}) and an account-wide request budget with
 * Cloudflare's lock-out ({@link KVEmulatorOptions#withRequestBudget}); both, like expiration, follow
 * the options' clock, so tests can move time with a {@link KVEmulatorClock} instead of sleeping.
 * {@link #stats()} counts what was answered.
 *
 * <p>Slow and stuck clients cannot starve the others: bodies are read without holding a thread, must
 * keep up a minimum data rate, and past a limit of concurrent requests the answer is 503 with
 * {@code Retry-After} ({@link KVEmulatorOptions#withServerLimits}, {@link ServerLimits}). Every
 * refusal, Jetty's own included, is a v4 error envelope.
 *
 * <p>Limits: it listens on 127.0.0.1 unless {@link KVEmulatorOptions#withHost} says otherwise
 * (a container needs {@code 0.0.0.0}), over HTTP/1.1 without TLS; it is strongly consistent
 * (real KV is not); every account id shares one set of namespaces; injected latency and delays
 * sleep in real time. Safe for use by many threads; {@link #close()} stops the server and closes the
 * store.
 */
public final class KVEmulator implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KVEmulator.class);

	private final Server server;

	private final LocalKVStore store;

	private final Faults faults;

	private final StatsCounters counters;

	private final int port;

	private final URI baseUrl;

	private final AtomicBoolean closed = new AtomicBoolean();

	private KVEmulator(Server server, LocalKVStore store, Faults faults, StatsCounters counters, String host,
			int port) {
		this.server = server;
		this.store = store;
		this.faults = faults;
		this.counters = counters;
		this.port = port;
		this.baseUrl = baseUrl(host, port);
	}

	/**
	 * Opens the store and starts the server.
	 * @param options port, persistence, tokens, account ids, write pacing and clock
	 * @return the running emulator
	 * @throws IllegalStateException if the port is taken or the server cannot start
	 * @throws io.github.workerskv.kv.KVStorageException if the persistence file cannot be opened
	 */
	public static KVEmulator start(KVEmulatorOptions options) {
		LocalKVStore store = LocalKVStore
			.create(LocalKVStoreOptions.defaults().withPersistPath(options.persistPath()).withClock(options.clock()));
		try {
			return start(options, store);
		}
		catch (RuntimeException ex) {
			store.close();
			throw ex;
		}
	}

	private static KVEmulator start(KVEmulatorOptions options, LocalKVStore store) {
		JsonMapper jsonMapper = store.options().jsonMapper();
		Faults faults = new Faults();
		Authenticator authenticator = new Authenticator(options.tokens());
		StatsCounters counters = new StatsCounters();
		WriteRateLimiter writeRate = options.enforceWriteRate() ? new WriteRateLimiter(options.clock(), counters)
				: null;
		RequestBudgetLimiter budget = (options.requestBudget() != null)
				? new RequestBudgetLimiter(options.requestBudget(), options.clock(), counters) : null;
		NamespaceCatalog catalog = new NamespaceCatalog(store, jsonMapper);
		NamespaceEndpoints namespaces = new NamespaceEndpoints(catalog, jsonMapper);
		ApiHandler handler = new ApiHandler(faults, authenticator, options.accountIds(), counters, budget, jsonMapper,
				new AccountEndpoints(options.accountIds(), authenticator), namespaces,
				new ValueEndpoints(store, namespaces, jsonMapper, options.clock(), writeRate),
				new BulkEndpoints(store, namespaces, jsonMapper, options.clock(), faults, writeRate));

		QueuedThreadPool threads = new QueuedThreadPool(64, 2);
		threads.setName("kv-emulator");
		threads.setDaemon(true);
		// Daemon threads, the scheduler's too: an emulator left open never keeps a JVM from exiting.
		Server server = new Server(threads, new ScheduledExecutorScheduler("kv-emulator-scheduler", true), null);
		HttpConfiguration http = new HttpConfiguration();
		// Keys arrive percent-encoded in the path (%2F, %25, %2E, %00...): nothing may be rejected or
		// normalised before the handler decodes the raw segment itself. UNSAFE allows all but %00, which
		// Jetty refuses whatever the compliance; NulPathConnectionFactory lets that through.
		http.setUriCompliance(UriCompliance.UNSAFE);
		http.setSendServerVersion(false);
		http.setSendXPoweredBy(false);
		ServerLimits limits = options.serverLimits();
		ServerConnector connector = new ServerConnector(server, 1, 1, new NulPathConnectionFactory(http));
		connector.setHost(options.host());
		connector.setPort(options.port());
		connector.setIdleTimeout(limits.idleTimeout().toMillis());
		server.addConnector(connector);
		Handler served = options.console() ? new ConsoleHandler(handler, store, catalog, authenticator,
				(options.persistPath() != null) ? "persisted to " + options.persistPath().getFileName() : "in memory")
				: handler;
		server.setHandler(requestSlots(limits, new BodyLoadingHandler(served, limits, jsonMapper)));
		server.setErrorHandler(new EnvelopeErrorHandler(jsonMapper, http.getRequestHeaderSize(), limits));
		server.setStopTimeout(0);
		try {
			server.start();
		}
		catch (Exception ex) {
			stopQuietly(server);
			throw new IllegalStateException("Could not start the KV emulator on " + options.host() + ":" + options.port()
					+ ": " + ex.getMessage(), ex);
		}
		KVEmulator emulator = new KVEmulator(server, store, faults, counters, options.host(),
				connector.getLocalPort());
		if (!isLoopback(options.host())) {
			logger.warn("KV emulator listens on {}, not only on loopback: whatever reaches this machine's (or "
					+ "container's) interfaces reaches it{}", options.host(),
					authenticator.isOpen() ? ", and with no API token configured may use it" : "");
		}
		if (authenticator.isOpen()) {
			logger.warn("KV emulator at {} accepts every request: no API token is configured (add one with "
					+ "KVEmulatorOptions.withToken, KV_EMULATOR_TOKEN or --token-file)", emulator.baseUrl);
		}
		if (options.console()) {
			logger.info("KV console at {}", emulator.consoleUrl());
		}
		logger.info("KV emulator listening at {} ({}, accounts: {}, write rate {}, request budget {}, {})",
				emulator.baseUrl, (options.persistPath() != null) ? "persisted to " + options.persistPath() : "in memory",
				options.accountIds().isEmpty() ? "any" : options.accountIds(),
				options.enforceWriteRate() ? "enforced" : "not enforced",
				(options.requestBudget() != null) ? options.requestBudget() + " per account" : "off", limits);
		return emulator;
	}

	/**
	 * At most {@code maxConcurrentRequests} requests in progress; one more is refused at once with 503
	 * (written by {@link EnvelopeErrorHandler}) rather than queued.
	 */
	private static Handler requestSlots(ServerLimits limits, Handler next) {
		QoSHandler slots = new QoSHandler(next);
		slots.setMaxRequestCount(limits.maxConcurrentRequests());
		slots.setMaxSuspendedRequestCount(0);
		return slots;
	}

	/**
	 * @return the base URL of the API, {@code http://127.0.0.1:PORT/client/v4} (no trailing slash);
	 * for an emulator listening on every interface ({@code 0.0.0.0}, {@code ::}) the URL names 127.0.0.1
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * @return the address of the KV console, {@code http://127.0.0.1:PORT/kv-console/}; it answers only when
	 * the emulator was started {@link KVEmulatorOptions#withConsole with the console}
	 */
	public URI consoleUrl() {
		return this.baseUrl.resolve(ConsoleHandler.PATH + "/");
	}

	/** @return the TCP port the server listens on */
	public int port() {
		return this.port;
	}

	/**
	 * The backing store, for assertions. Namespace ids are those the API returns; the store also
	 * holds the emulator's catalog of namespaces in the namespace {@code __kv_emulator_catalog__}.
	 * @return the store
	 */
	public LocalKVStore store() {
		return this.store;
	}

	/** @return the fault injection, switchable while the emulator runs */
	public Faults faults() {
		return this.faults;
	}

	/**
	 * What the emulator has answered since it started or since {@link #resetStats()}: requests per
	 * account, and the 429s of the request budget and of the per-key write rate.
	 * @return a snapshot of the counts
	 */
	public KVEmulatorStats stats() {
		return this.counters.snapshot();
	}

	/**
	 * Sets every count of {@link #stats()} back to zero, for example between tests that share one
	 * emulator. The request budget's windows and lock-outs are not affected.
	 */
	public void resetStats() {
		this.counters.reset();
	}

	/** Stops the server at once (requests in flight are cut off) and closes the store. Idempotent. */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		stopQuietly(this.server);
		this.store.close();
		logger.info("KV emulator at {} stopped", this.baseUrl);
	}

	@Override
	public String toString() {
		return "KVEmulator[" + this.baseUrl + "]";
	}

	/**
	 * @param host the IP address the emulator listens on
	 * @param port its port
	 * @return the base URL a client on this machine uses: {@code http://127.0.0.1:PORT/client/v4} for
	 * every interface ({@code 0.0.0.0}, {@code ::}), the address itself otherwise
	 */
	static URI baseUrl(String host, int port) {
		return URI.create("http://" + urlHost(host) + ":" + port + ApiRoute.BASE_PATH);
	}

	private static String urlHost(String host) {
		if (isWildcard(host)) {
			return "127.0.0.1";
		}
		return (host.indexOf(':') >= 0) ? "[" + host + "]" : host;
	}

	private static boolean isWildcard(String host) {
		return address(host).isAnyLocalAddress();
	}

	private static boolean isLoopback(String host) {
		return address(host).isLoopbackAddress();
	}

	/** @param host an IP literal, as {@link KVEmulatorOptions} ensures, so nothing is looked up */
	private static InetAddress address(String host) {
		try {
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Not an IP address: '" + host + "'", ex);
		}
	}

	private static void stopQuietly(Server server) {
		try {
			server.stop();
		}
		catch (Exception ex) {
			logger.warn("Could not stop the KV emulator's server cleanly", ex);
		}
	}

}
