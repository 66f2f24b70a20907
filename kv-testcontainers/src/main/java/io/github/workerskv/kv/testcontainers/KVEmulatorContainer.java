package io.github.workerskv.kv.testcontainers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import io.github.workerskv.kv.InvalidOptionException;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The KV emulator's container image ({@code kv-emulator/docker/build-image.sh} builds it) as a Testcontainers
 * container: a server that speaks Cloudflare's Workers KV REST API v4.
 *
 * <pre>{@code
 * @Container
 * static KVEmulatorContainer kv = new KVEmulatorContainer().withNamespace("CACHE");
 *
 * CloudflareKVClient client = CloudflareKVClient.create(CloudflareKVConfig
 *     .of(kv.getAccountId(), Credentials.apiToken(kv.getToken())).withBaseUrl(kv.getBaseUrl()));
 * KVNamespace cache = client.namespace(kv.getNamespaceId("CACHE"));
 * }</pre>
 *
 * With Spring Boot, {@code @ServiceConnection} on the field points the application's bindings at it instead.
 *
 * <p>It runs with the host's network ({@code --network host}) on a free port of 127.0.0.1, chosen at each start
 * and given to the emulator as {@code KV_EMULATOR_PORT}, so that all traffic stays on loopback; it is ready
 * when its API answers. Its options are the emulator's {@code KV_EMULATOR_*} variables: an API token (random
 * unless {@link #withToken(String) given}; in the container's environment, never on its command line), one
 * account, namespaces created when it starts, a volume to persist to, write-rate enforcement and a request budget.
 *
 * <p>Limits: host networking needs a Linux Docker Engine (Docker Desktop only with its host networking
 * enabled). The image defaults to {@code workers-kv-emulator:<this module's version>}, which must have been
 * built or loaded locally; another image must be declared a compatible substitute
 * ({@code DockerImageName.parse("registry/acme/kv:1").asCompatibleSubstituteFor("workers-kv-emulator")}).
 * Without a volume the data lives as long as the container.
 */
public class KVEmulatorContainer extends GenericContainer<KVEmulatorContainer> {

	/** The image's name, without a tag. */
	public static final String IMAGE_NAME = "workers-kv-emulator";

	/** The account the emulator answers for unless {@link #withAccountId(String) told otherwise}. */
	public static final String DEFAULT_ACCOUNT_ID = "0000000000000000000000000000e1a1";

	/** How long the emulator may take to answer after the container starts. */
	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final String DATA_DIRECTORY = "/data";

	private static final String PERSIST_FILE = DATA_DIRECTORY + "/kv.db";

	private String token = "kv-emulator-" + UUID.randomUUID();

	private String accountId = DEFAULT_ACCOUNT_ID;

	private final Set<String> startNamespaces = new LinkedHashSet<>();

	/** The namespaces found or created since the container last started, by binding name. */
	private final Map<String, String> namespaceIds = new LinkedHashMap<>();

	private final DockerImageName imageName;

	private @Nullable String volume;

	private volatile int port;

	/** The image {@code workers-kv-emulator:<version>}, the tag {@code build-image.sh} gives this version. */
	public KVEmulatorContainer() {
		this(defaultImageName());
	}

	/**
	 * @param image the emulator's image, for example {@code workers-kv-emulator:latest}
	 */
	public KVEmulatorContainer(String image) {
		this(DockerImageName.parse(image));
	}

	/**
	 * @param image the emulator's image, named {@value #IMAGE_NAME} or a declared substitute for it
	 */
	public KVEmulatorContainer(DockerImageName image) {
		super(image);
		image.assertCompatibleWith(DockerImageName.parse(IMAGE_NAME));
		this.imageName = image;
		withNetworkMode("host");
		waitingFor(new KVEmulatorWaitStrategy().withStartupTimeout(DEFAULT_STARTUP_TIMEOUT));
	}

	/**
	 * The image this version of the module expects, as {@code kv-emulator/docker/build-image.sh} tags it.
	 * @return {@code workers-kv-emulator:<version>}
	 */
	public static DockerImageName defaultImageName() {
		return DockerImageName.parse(IMAGE_NAME).withTag(version());
	}

	/**
	 * The API token the emulator accepts, instead of a random one.
	 * @param token the token, without whitespace
	 * @return this container
	 * @throws InvalidOptionException if the token is blank or holds whitespace
	 */
	public KVEmulatorContainer withToken(String token) {
		if (token == null || token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidOptionException("token", null, "The KV emulator's API token must be non-empty text "
					+ "without whitespace");
		}
		this.token = token;
		return this;
	}

	/**
	 * The one account the emulator answers for.
	 * @param accountId the account id (Cloudflare's are 32 hexadecimal digits)
	 * @return this container
	 * @throws InvalidOptionException if the id is blank or holds whitespace or a slash
	 */
	public KVEmulatorContainer withAccountId(String accountId) {
		if (accountId == null || accountId.isEmpty()
				|| accountId.chars().anyMatch((c) -> Character.isWhitespace(c) || c == '/')) {
			throw new InvalidOptionException("accountId", accountId,
					"The KV emulator's account id must be non-empty text without whitespace or '/'");
		}
		this.accountId = accountId;
		return this;
	}

	/**
	 * A namespace to create when the container starts, titled after the binding; {@link #getNamespaceId(String)}
	 * then gives its id (the emulator chooses ids, as Cloudflare does). One kept in the container's volume is
	 * found again by its title instead.
	 * @param binding the binding name, 1..512 characters
	 * @return this container
	 * @throws InvalidOptionException if the name is blank or too long
	 */
	public KVEmulatorContainer withNamespace(String binding) {
		if (binding == null || binding.isBlank() || binding.codePointCount(0, binding.length()) > 512) {
			throw new InvalidOptionException("binding", binding,
					"A namespace needs a binding name of 1 to 512 characters, not blank, as its title");
		}
		this.startNamespaces.add(binding);
		return this;
	}

	/**
	 * Keeps the emulator's namespaces and keys in a volume, mounted at {@code /data}, so that they survive a
	 * restart and a new container on the same volume. A name is a Docker named volume (created if missing,
	 * owned by the image's user); an absolute path is a directory of the Docker host, which the image's user
	 * (uid 10001) must be able to write.
	 * @param volume a volume name or an absolute host path
	 * @return this container
	 * @throws InvalidOptionException if the volume is blank or holds a colon
	 */
	public KVEmulatorContainer withPersistence(String volume) {
		if (volume == null || volume.isBlank() || volume.contains(":")) {
			throw new InvalidOptionException("volume", volume,
					"The persistence volume must be a volume name or an absolute path, without ':'");
		}
		if (this.volume == null) {
			withCreateContainerCmdModifier((command) -> {
				HostConfig hostConfig = command.getHostConfig();
				String mounted = this.volume;
				if (hostConfig != null && mounted != null) {
					List<Bind> binds = new ArrayList<>();
					if (hostConfig.getBinds() != null) {
						binds.addAll(Arrays.asList(hostConfig.getBinds()));
					}
					binds.add(new Bind(mounted, new Volume(DATA_DIRECTORY)));
					hostConfig.withBinds(binds);
				}
			});
		}
		this.volume = volume;
		return this;
	}

	/**
	 * Refuses a second write to the same key within a second with 429, as Workers KV does.
	 * @return this container
	 */
	public KVEmulatorContainer withEnforceWriteRate() {
		return withEnv("KV_EMULATOR_ENFORCE_WRITE_RATE", "true");
	}

	/**
	 * Allows the account this many requests per window, answering 429 beyond (Cloudflare's API allows
	 * 1,200 per 300 s).
	 * @param requests the requests per window, at least 1
	 * @param window the window, a whole number of seconds, at least one
	 * @return this container
	 * @throws InvalidOptionException if either is out of range
	 */
	public KVEmulatorContainer withRequestBudget(int requests, Duration window) {
		if (requests < 1) {
			throw new InvalidOptionException("requestBudget", requests, "The request budget needs at least 1 request");
		}
		if (window == null || window.getSeconds() < 1 || window.getNano() != 0) {
			throw new InvalidOptionException("requestBudget", window,
					"The request budget's window must be a whole number of seconds, at least one");
		}
		return withEnv("KV_EMULATOR_REQUEST_BUDGET", requests + "/" + window.getSeconds());
	}

	@Override
	protected void configure() {
		this.port = freeLoopbackPort();
		withEnv("KV_EMULATOR_HOST", "127.0.0.1");
		withEnv("KV_EMULATOR_PORT", Integer.toString(this.port));
		withEnv("KV_EMULATOR_TOKEN", this.token);
		withEnv("KV_EMULATOR_ACCOUNT_ID", this.accountId);
		if (this.volume != null) {
			withEnv("KV_EMULATOR_PERSIST", PERSIST_FILE);
		}
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse containerInfo) {
		namespaceIds(this.startNamespaces);
	}

	@Override
	protected void containerIsStopped(InspectContainerResponse containerInfo) {
		synchronized (this.namespaceIds) {
			this.namespaceIds.clear();
		}
	}

	/**
	 * The API's base URL, for {@code CloudflareKVConfig.withBaseUrl} or wrangler's {@code CLOUDFLARE_API_BASE_URL}.
	 * @return {@code http://127.0.0.1:<port>/client/v4}
	 * @throws IllegalStateException if the container has not been started
	 */
	public String getBaseUrl() {
		return "http://127.0.0.1:" + getPort() + "/client/v4";
	}

	/**
	 * @return the port of 127.0.0.1 the emulator listens on, chosen when the container last started
	 * @throws IllegalStateException if the container has not been started
	 */
	public int getPort() {
		int port = this.port;
		if (port == 0) {
			throw new IllegalStateException("The KV emulator container has no port before it is started; "
					+ "start it (or let @Container or @ServiceConnection start it) first");
		}
		return port;
	}

	/** @return the API token the emulator accepts */
	public String getToken() {
		return this.token;
	}

	/** @return the account the emulator answers for */
	public String getAccountId() {
		return this.accountId;
	}

	/**
	 * The id of a namespace declared with {@link #withNamespace(String)}, or found or created for a binding
	 * since the container started.
	 * @param binding the binding name
	 * @return the namespace id, 32 hexadecimal digits
	 * @throws IllegalArgumentException if the container has no namespace for the binding
	 * @throws IllegalStateException if the container has not been started
	 */
	public String getNamespaceId(String binding) {
		getPort();
		synchronized (this.namespaceIds) {
			String id = this.namespaceIds.get(binding);
			if (id == null) {
				throw new IllegalArgumentException("The KV emulator container has no namespace for binding '" + binding
						+ "' (it has " + (this.namespaceIds.isEmpty() ? "none" : this.namespaceIds.keySet())
						+ "); declare it with withNamespace(\"" + binding + "\")");
			}
			return id;
		}
	}

	/**
	 * A namespace per binding, titled after it: the one this container already knows, else the emulator's of
	 * that title (kept in a volume), else a new one. One request to list them and one per new namespace.
	 * @param bindings the binding names
	 * @return the namespace ids by binding name
	 */
	Map<String, String> namespaceIds(Collection<String> bindings) {
		synchronized (this.namespaceIds) {
			List<String> missing = bindings.stream().filter((binding) -> !this.namespaceIds.containsKey(binding)).toList();
			this.namespaceIds.putAll(EmulatorApi.findOrCreateNamespaces(getBaseUrl(), this.accountId, this.token, missing));
			Map<String, String> ids = new LinkedHashMap<>();
			bindings.forEach((binding) -> ids.put(binding, Objects.requireNonNull(this.namespaceIds.get(binding))));
			return ids;
		}
	}

	/**
	 * Masks the token, which {@code GenericContainer}'s own {@code toString()} would show with the environment,
	 * and asks Docker nothing.
	 */
	@Override
	public String toString() {
		int port = this.port;
		return "KVEmulatorContainer[image=" + this.imageName.asCanonicalNameString() + ", baseUrl="
				+ ((port != 0) ? "http://127.0.0.1:" + port + "/client/v4" : "(not started)") + ", accountId="
				+ this.accountId + ", token=****]";
	}

	private static int freeLoopbackPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1 for the KV emulator container", ex);
		}
	}

	private static String version() {
		Properties properties = new Properties();
		try (InputStream in = KVEmulatorContainer.class.getResourceAsStream("kv-testcontainers.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read kv-testcontainers.properties from the jar", ex);
		}
		String version = properties.getProperty("version");
		if (version == null || version.isBlank() || version.startsWith("$")) {
			throw new IllegalStateException("kv-testcontainers.properties names no version; pass the image to "
					+ "new KVEmulatorContainer(\"workers-kv-emulator:<version>\")");
		}
		return version;
	}

}
