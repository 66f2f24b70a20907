package io.github.workerskv.kv.cloudflare;

import java.net.http.HttpClient;
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
import io.github.workerskv.kv.resilience.ResilienceListener;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client: one {@link HttpClient}, one {@link ApiClient}, one read cache, namespaces by id, and what
 * they share to survive KV's limits: the {@link Retrier}, the {@link WritePacer} (when pacing is on) and
 * the {@link RequestBudget} in front of the transport (when the budget is on).
 */
final class DefaultCloudflareKVClient implements CloudflareKVClient {

	/** Namespaces per page when listing them; every API version accepts 100. */
	private static final int NAMESPACE_PAGE_SIZE = 100;

	/** Accounts hold at most 1,000 namespaces; this bounds the listing against a server that never ends. */
	private static final int MAX_NAMESPACE_PAGES = 1_000;

	private static final int MAX_TITLE_LENGTH = 512;

	private static final int ASYNC_THREADS = 16;

	/** The operation of namespace management calls in listener events. */
	private static final String NAMESPACES = "namespaces";

	private final CloudflareKVConfig config;

	private final ApiClient api;

	private final ReadCache cache;

	private final @Nullable ExecutorService ownExecutor;

	private final Resilience resilience;

	private final Map<String, RestKVNamespace> namespaces = new ConcurrentHashMap<>();

	DefaultCloudflareKVClient(CloudflareKVConfig config) {
		this(config, new HttpClientTransport(httpClient(config)), System::nanoTime, null);
	}

	/**
	 * @param config the configuration
	 * @param transport sends the requests (the request budget, when on, is put in front of it)
	 * @param nanoTime the ticker of retry deadlines and the request budget
	 * @param scheduler times the windows of write pacing, or {@code null} for a daemon thread of the client
	 */
	DefaultCloudflareKVClient(CloudflareKVConfig config, Transport transport, LongSupplier nanoTime,
			WritePacer.@Nullable Scheduler scheduler) {
		this.config = Objects.requireNonNull(config, "config must not be null");
		ResilienceListener listener = ResilienceListener.composite(List.of(config.resilienceListener()));
		Transport budgeted = config.requestBudget().enabled()
				? new BudgetedTransport(transport, new RequestBudget(config.requestBudget(), nanoTime), listener, nanoTime)
				: transport;
		this.api = new ApiClient(config, budgeted);
		this.cache = new ReadCache(config.readCacheSize(), config.clock());
		this.ownExecutor = (config.asyncExecutor() != null) ? null : asyncExecutor();
		Executor executor = (this.ownExecutor != null) ? this.ownExecutor : Objects.requireNonNull(config.asyncExecutor());
		Retrier retrier = new Retrier(config.retry(), listener, nanoTime);
		WritePacer pacer = config.writePacing().enabled() ? new WritePacer(config.writePacing(), config.clock(), executor,
				(scheduler != null) ? scheduler : new ExecutorScheduler(), listener) : null;
		Duration flushTimeout = config.writePacing().interval()
			.plus(config.retry().deadline())
			.plus(config.requestTimeout().multipliedBy(2));
		this.resilience = new Resilience(retrier, pacer, flushTimeout, listener);
	}

	private static HttpClient httpClient(CloudflareKVConfig config) {
		boolean tls = "https".equalsIgnoreCase(config.baseUrl().getScheme());
		return HttpClient.newBuilder()
			.version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
			.connectTimeout(config.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
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
		return this.namespaces.computeIfAbsent(namespaceId, (id) -> new RestKVNamespace(this.api, this.cache, id,
				(this.ownExecutor != null) ? this.ownExecutor : Objects.requireNonNull(this.config.asyncExecutor()),
				this.resilience));
	}

	@Override
	public List<NamespaceInfo> listNamespaces() {
		List<NamespaceInfo> all = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int page = 1; page <= MAX_NAMESPACE_PAGES; page++) {
			ApiClient.Query query = ApiClient.query()
				.add("page", page)
				.add("per_page", NAMESPACE_PAGE_SIZE)
				.add("order", "title")
				.add("direction", "asc");
			JsonNode result = this.resilience.retrier().call(CallContext.ACCOUNT, NAMESPACES,
					() -> this.api.call("GET", this.api.namespacesPath(), query, null, null));
			if (result == null || !result.isArray()) {
				throw this.api.malformed("GET", this.api.namespacesPath(), 200, "its result is not an array");
			}
			boolean added = false;
			for (JsonNode item : result) {
				NamespaceInfo info = namespaceInfo(item, "GET", this.api.namespacesPath());
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
		JsonNode result = this.resilience.retrier().once(CallContext.ACCOUNT, NAMESPACES,
				() -> this.api.call("POST", this.api.namespacesPath(), null, titleBody(title), "application/json"));
		return namespaceInfo(result, "POST", this.api.namespacesPath());
	}

	@Override
	public NamespaceInfo getNamespace(String namespaceId) {
		String path = namespacePath(namespaceId);
		return namespaceInfo(this.resilience.retrier().call(CallContext.ACCOUNT, NAMESPACES,
				() -> this.api.call("GET", path, null, null, null)), "GET", path);
	}

	@Override
	public NamespaceInfo renameNamespace(String namespaceId, String title) {
		String path = namespacePath(namespaceId);
		checkTitle(title);
		JsonNode result = this.resilience.retrier().once(CallContext.ACCOUNT, NAMESPACES,
				() -> this.api.call("PUT", path, null, titleBody(title), "application/json"));
		return (result != null && result.isObject() && result.has("id")) ? namespaceInfo(result, "PUT", path)
				: new NamespaceInfo(namespaceId, title, null);
	}

	@Override
	public void deleteNamespace(String namespaceId) {
		String path = namespacePath(namespaceId);
		this.resilience.retrier()
			.once(CallContext.ACCOUNT, NAMESPACES, () -> this.api.call("DELETE", path, null, null, null));
	}

	@Override
	public CloudflareKVConfig config() {
		return this.config;
	}

	@Override
	public void flush() {
		WritePacer pacer = this.resilience.pacer();
		if (pacer != null) {
			pacer.flush(null, this.resilience.flushTimeout());
		}
	}

	@Override
	public void close() {
		WritePacer pacer = this.resilience.pacer();
		try {
			if (pacer != null) {
				pacer.close(this.config.writePacing().shutdownTimeout());
			}
		}
		finally {
			this.api.close();
			if (this.ownExecutor != null) {
				this.ownExecutor.shutdown();
			}
		}
	}

	@Override
	public RetryRegistry retryRegistry() {
		return this.resilience.retrier().registry();
	}

	@Override
	public String toString() {
		return "CloudflareKVClient[" + this.config + "]";
	}

	private String namespacePath(String namespaceId) {
		checkNamespaceId(namespaceId);
		return this.api.namespacesPath() + "/" + UrlEncoding.encode(namespaceId);
	}

	private java.net.http.HttpRequest.BodyPublisher titleBody(String title) {
		ObjectNode body = this.config.jsonMapper().createObjectNode();
		body.put("title", title);
		return java.net.http.HttpRequest.BodyPublishers.ofByteArray(this.config.jsonMapper().writeValueAsBytes(body));
	}

	private NamespaceInfo namespaceInfo(@Nullable JsonNode node, String method, String path) {
		JsonNode id = (node != null) ? node.get("id") : null;
		if (node == null || id == null || !id.isString()) {
			throw this.api.malformed(method, path, 200, "its result is not a namespace with an id");
		}
		JsonNode title = node.get("title");
		JsonNode urlEncoding = node.get("supports_url_encoding");
		return new NamespaceInfo(id.stringValue(), (title != null && title.isString()) ? title.stringValue() : "",
				(urlEncoding != null && urlEncoding.isBoolean()) ? urlEncoding.booleanValue() : null);
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
