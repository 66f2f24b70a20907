package io.github.workerskv.kv.cloudflare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import io.github.resilience4j.retry.RetryRegistry;
import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.internal.NamespaceSettings;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client: its {@link HttpTransport} (the JDK's HTTP client or Jetty's, as the configuration chooses), one
 * {@link Transport} stack (retries around the request budget, when it is on,
 * around HTTP), one read cache, namespaces by id, and the {@link WritePacer} when pacing is on.
 */
final class DefaultCloudflareKVClient implements CloudflareKVClient {

	/** Namespaces per page when listing them; every API version accepts 100. */
	private static final int NAMESPACE_PAGE_SIZE = 100;

	/** Accounts hold at most 1,000 namespaces; this bounds the listing against a server that never ends. */
	private static final int MAX_NAMESPACE_PAGES = 1_000;

	private static final int MAX_TITLE_LENGTH = 512;

	private static final int ASYNC_THREADS = 16;

	private final CloudflareKVConfig config;

	private final HttpTransport http;

	private final RestContext context;

	private final Executor executor;

	private final @Nullable ExecutorService ownExecutor;

	private final Map<String, RestKVNamespace> namespaces = new ConcurrentHashMap<>();

	DefaultCloudflareKVClient(CloudflareKVConfig config) {
		this(config, System::nanoTime, null);
	}

	/**
	 * @param config the configuration
	 * @param nanoTime the ticker of retry deadlines, the request budget and idle connections
	 * @param scheduler times the windows of write pacing, or {@code null} for a daemon thread of the client
	 */
	DefaultCloudflareKVClient(CloudflareKVConfig config, LongSupplier nanoTime, WritePacer.@Nullable Scheduler scheduler) {
		this.config = Objects.requireNonNull(config, "config must not be null");
		KVListener listener = KVListener.composite(List.of(config.listener()));
		Failures failures = new Failures(config, (HeaderAuthentication) config.credentials());
		this.http = HttpTransport.create(config, failures, nanoTime);
		Transport budgeted = config.requestBudget().enabled()
				? new BudgetedTransport(this.http, new RequestBudget(config.requestBudget(), nanoTime), listener, nanoTime)
				: this.http;
		RetryingTransport retries = new RetryingTransport(budgeted, config.retry(), listener, nanoTime);
		RetryingTransport singleAttempt = new RetryingTransport(budgeted,
				RetryOptions.disabled().withRegistry(retries.registry()), listener, nanoTime);
		this.ownExecutor = (config.asyncExecutor() != null) ? null : asyncExecutor();
		this.executor = (this.ownExecutor != null) ? this.ownExecutor : Objects.requireNonNull(config.asyncExecutor());
		WritePacer pacer = config.writePacing().enabled() ? new WritePacer(config.writePacing(),
				config.retry().ambiguousWriteSettleTime(), config.clock(),
				this.executor, (scheduler != null) ? scheduler : new ExecutorScheduler(), listener) : null;
		Duration flushTimeout = config.writePacing().interval()
			.plus(config.retry().deadline())
			.plus(config.requestTimeout().multipliedBy(2));
		this.context = new RestContext(retries, retries, singleAttempt, failures,
				new ReadCache(config.readCacheSize(), config.clock()),
				pacer, flushTimeout, listener,
				"/accounts/" + UrlEncoding.encode(config.accountId()) + "/storage/kv/namespaces");
	}

	private static ExecutorService asyncExecutor() {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, "cloudflare-kv-async-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor executor = new ThreadPoolExecutor(ASYNC_THREADS, ASYNC_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Override
	public CloudflareKVNamespace namespace(String namespaceId) {
		checkNamespaceId(namespaceId);
		return this.namespaces.computeIfAbsent(namespaceId, (id) -> new RestKVNamespace(this.context,
				new NamespaceSettings(id, this.config.namespaceName(id), this.config::jsonMapper, this.config.clock(),
						this.executor, this.context.listener())));
	}

	@Override
	public List<NamespaceInfo> listNamespaces() {
		List<NamespaceInfo> all = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String path = this.context.namespacesPath();
		for (int page = 1; page <= MAX_NAMESPACE_PAGES; page++) {
			Query query = Query.empty()
				.add("page", page)
				.add("per_page", NAMESPACE_PAGE_SIZE)
				.add("order", "title")
				.add("direction", "asc");
			JsonNode result = send(ApiRequest.of("GET", path, Call.account(Call.Kind.READ)).withQuery(query));
			if (result == null || !result.isArray()) {
				throw this.context.failures().malformed("GET " + path, 200, "its result is not an array");
			}
			boolean added = false;
			for (JsonNode item : result) {
				NamespaceInfo info = NamespaceInfos.of(item, "GET " + path, this.context.failures());
				if (seen.add(info.id())) {
					all.add(info);
					added = true;
				}
			}
			if (!added) {
				break;
			}
		}
		return List.copyOf(all);
	}

	@Override
	public NamespaceInfo createNamespace(String title) {
		checkTitle(title);
		String path = this.context.namespacesPath();
		return NamespaceInfos.of(send(ApiRequest.of("POST", path, Call.account(Call.Kind.ONCE)).withBody(titleBody(title))),
				"POST " + path, this.context.failures());
	}

	@Override
	public NamespaceInfo getNamespace(String namespaceId) {
		String path = namespacePath(namespaceId);
		return NamespaceInfos.of(send(ApiRequest.of("GET", path, Call.account(Call.Kind.READ))), "GET " + path,
				this.context.failures());
	}

	@Override
	public NamespaceInfo renameNamespace(String namespaceId, String title) {
		String path = namespacePath(namespaceId);
		checkTitle(title);
		JsonNode result = send(ApiRequest.of("PUT", path, Call.account(Call.Kind.ONCE)).withBody(titleBody(title)));
		return (result != null && result.isObject() && result.has("id"))
				? NamespaceInfos.of(result, "PUT " + path, this.context.failures())
				: new NamespaceInfo(namespaceId, title, null);
	}

	@Override
	public void deleteNamespace(String namespaceId) {
		send(ApiRequest.of("DELETE", namespacePath(namespaceId), Call.account(Call.Kind.ONCE)));
	}

	@Override
	public CloudflareKVConfig config() {
		return this.config;
	}

	@Override
	public HttpClientType httpClient() {
		return this.http.type();
	}

	@Override
	public void flush() {
		WritePacer pacer = this.context.pacer();
		if (pacer != null) {
			pacer.flush(null, this.context.flushTimeout());
		}
	}

	@Override
	public void close() {
		WritePacer pacer = this.context.pacer();
		try {
			if (pacer != null) {
				pacer.close(this.config.writePacing().shutdownTimeout());
			}
		}
		finally {
			this.http.close();
			if (this.ownExecutor != null) {
				this.ownExecutor.shutdown();
			}
		}
	}

	@Override
	public RetryRegistry retryRegistry() {
		return this.context.retries().registry();
	}

	@Override
	public String toString() {
		return "CloudflareKVClient[" + this.config + "]";
	}

	private @Nullable JsonNode send(ApiRequest request) {
		return this.context.transport().send(request).requireEnvelope().result();
	}

	private String namespacePath(String namespaceId) {
		checkNamespaceId(namespaceId);
		return this.context.namespacesPath() + "/" + UrlEncoding.encode(namespaceId);
	}

	private RequestBody titleBody(String title) {
		ObjectNode body = this.config.jsonMapper().createObjectNode();
		body.put("title", title);
		return RequestBody.json(this.config.jsonMapper().writeValueAsBytes(body));
	}

	private static void checkNamespaceId(String namespaceId) {
		Objects.requireNonNull(namespaceId, "namespaceId must not be null");
		if (namespaceId.isBlank() || namespaceId.equals(".") || namespaceId.equals("..")) {
			throw new IllegalArgumentException("namespaceId must be a namespace's id (32 hex digits at Cloudflare), was '"
					+ namespaceId + "'");
		}
	}

	private static void checkTitle(String title) {
		Objects.requireNonNull(title, "title must not be null");
		if (title.isEmpty() || title.length() > MAX_TITLE_LENGTH) {
			throw new IllegalArgumentException("A namespace title must have 1.." + MAX_TITLE_LENGTH
					+ " characters, had " + title.length());
		}
	}

}
