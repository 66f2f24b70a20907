package io.github.workerskv.kv.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.local.LocalKVStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The namespaces of the configured bindings, opened from {@code cloudflare.kv.*} before the application
 * context exists, for configuration imported from KV ({@code spring.config.import=cloudflare-kv:…}).
 *
 * <p>The properties are read through a {@link Binder}, so from what Spring Boot has loaded when the import is
 * resolved: command-line arguments, system properties, environment variables (wrangler's
 * {@code CLOUDFLARE_ACCOUNT_ID}, {@code CLOUDFLARE_API_TOKEN}, {@code CLOUDFLARE_API_KEY} and
 * {@code CLOUDFLARE_EMAIL} included), the {@code application.yml} (or {@code .properties}) that declares the
 * import, and the wrangler file that {@code cloudflare.kv.wrangler-config} names. The mode, the bindings, the
 * credentials and the client's settings mean what they mean to the auto-configuration, and are checked the
 * same way.
 *
 * <p>One instance is made per start-up and kept in the bootstrap registry. When the application context is
 * prepared it is registered there as the bean {@value #BEAN_NAME}, and the auto-configuration takes its embedded
 * store or REST client instead of opening a second one, handing it the context's
 * {@link KVListener} beans (the meters among them), which are told of every call from then on. The context
 * opens its own store or client only when its settings differ from these: a different
 * {@code local.persist-path}, or different connection details (a
 * {@link KVConnectionDetails} bean, or credentials set in a profile-specific file); this instance's store or
 * client then keeps serving the imported configuration, and is closed with the context.
 *
 * <p>Limits: no bean exists yet, so a {@code RetryRegistry} bean and {@link KVConnectionDetails} beans are not
 * used here; the REST client keeps its retries in a registry of its own.
 */
public final class KVBootstrapNamespaces implements AutoCloseable {

	/** The bean name under which the application context holds it. */
	public static final String BEAN_NAME = "kvBootstrapNamespaces";

	private final KVBindings bindings;

	private final KVNamespaces namespaces;

	private final String where;

	private final HandOverKVListener listener = new HandOverKVListener();

	private @Nullable LocalKVStore store;

	private @Nullable CloudflareKVClient client;

	private @Nullable KVConnectionDetails connectionDetails;

	private boolean handedOver;

	private boolean closed;

	private KVBootstrapNamespaces(KVProperties properties, @Nullable ClassLoader classLoader,
			Function<String, @Nullable String> variables) {
		this.bindings = KVBindings.resolve(properties);
		KVClientSettings settings = KVClientSettings.from(properties);
		Map<String, KVNamespace> byBinding = new LinkedHashMap<>();
		if (properties.getMode() == KVProperties.Mode.REMOTE) {
			KVConnectionDetails details = new PropertiesKVConnectionDetails(properties, variables);
			CloudflareKVClient client = CloudflareKVClient
				.create(settings.clientConfig(details, null, this.listener, this.bindings.remoteNamesById()));
			this.client = client;
			this.connectionDetails = details;
			this.where = "remote, account " + details.getAccountId() + " at " + details.getBaseUrl();
			try {
				this.bindings.names()
					.forEach((name) -> byBinding.put(name, client.namespace(this.bindings.remoteNamespaceId(name))));
			}
			catch (RuntimeException ex) {
				client.close();
				throw ex;
			}
		}
		else {
			LocalKVStore store = EmbeddedStores.open(properties, this.bindings, this.listener, classLoader);
			this.store = store;
			Path file = store.options().persistPath();
			this.where = "local, " + ((file != null) ? "embedded store in " + file : "embedded store in memory");
			this.bindings.names()
				.forEach((name) -> byBinding.put(name, store.namespace(this.bindings.localNamespaceId(name))));
		}
		this.namespaces = KVNamespaces.of(byBinding);
	}

	/**
	 * Opens the namespaces of the bindings that {@code cloudflare.kv.*} declares.
	 * @param binder the properties Spring Boot has loaded so far
	 * @param classLoader where to look for optional modules (kv-sqlite)
	 * @return the namespaces, open
	 * @throws RuntimeException on the misconfiguration that fails the auto-configuration, of the same type and
	 * so with the same failure analysis ({@link IncompleteConnectionPropertiesException},
	 * {@link InvalidNamespaceIdException}, a wrangler file that cannot be read, a value out of range)
	 */
	public static KVBootstrapNamespaces open(Binder binder, @Nullable ClassLoader classLoader) {
		KVProperties properties = binder.bindOrCreate(KVProperties.PREFIX, KVProperties.class);
		return new KVBootstrapNamespaces(properties, classLoader, (name) -> variable(binder, name));
	}

	/** An environment variable as the binder sees it (a property of that exact name, as in tests, included). */
	private static @Nullable String variable(Binder binder, String name) {
		return binder.bind(ConfigurationPropertyName.adapt(name, '.'), Bindable.of(String.class)).orElse(null);
	}

	/** @return the namespaces by binding name */
	public KVNamespaces namespaces() {
		return this.namespaces;
	}

	/** @return whether they live in the embedded store (local mode) */
	public boolean isLocal() {
		return this.store != null;
	}

	/** @return where they live, for log lines: the mode and the store or account, never a credential */
	public String where() {
		return this.where;
	}

	/**
	 * Hands the embedded store to the application context, if it is opened with the same settings.
	 * @param properties the context's properties
	 * @param listener the context's listeners
	 * @return the store, now the context's to close; {@code null} when there is none to hand over
	 */
	synchronized @Nullable LocalKVStore handOverStore(KVProperties properties, KVListener listener) {
		LocalKVStore store = this.store;
		if (store == null || this.handedOver || this.closed
				|| !Objects.equals(store.options().persistPath(), properties.getLocal().getPersistPath())) {
			return null;
		}
		this.handedOver = true;
		this.listener.handTo(listener);
		return store;
	}

	/**
	 * Hands the REST client to the application context, if the context reaches the same account the same way.
	 * @param details the context's connection details
	 * @param listener the context's listeners
	 * @return the client, now the context's to close; {@code null} when there is none to hand over
	 */
	synchronized @Nullable CloudflareKVClient handOverClient(KVConnectionDetails details, KVListener listener) {
		CloudflareKVClient client = this.client;
		KVConnectionDetails own = this.connectionDetails;
		if (client == null || own == null || this.handedOver || this.closed
				|| !own.getBaseUrl().equals(details.getBaseUrl()) || !own.getAccountId().equals(details.getAccountId())
				|| !own.getCredentials().equals(details.getCredentials())) {
			return null;
		}
		this.handedOver = true;
		this.listener.handTo(listener);
		return client;
	}

	/** Closes the store or client, unless it was handed over to the application context, which closes it. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.handedOver) {
			return;
		}
		if (this.store != null) {
			this.store.close();
		}
		if (this.client != null) {
			this.client.close();
		}
	}

	@Override
	public String toString() {
		return "KVBootstrapNamespaces[" + this.where + ", bindings=" + this.bindings.names() + "]";
	}

}
