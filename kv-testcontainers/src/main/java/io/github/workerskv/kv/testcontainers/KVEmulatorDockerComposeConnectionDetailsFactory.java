package io.github.workerskv.kv.testcontainers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.Credentials;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.util.StringUtils;

/**
 * {@link KVConnectionDetails} from a Docker Compose service that runs the emulator's image: one whose image is
 * named {@value KVEmulatorContainer#IMAGE_NAME} (in any registry or repository, with any tag), or that carries
 * the label {@code org.springframework.boot.service-connection: workers-kv-emulator}.
 *
 * <p>From the service's environment: the token {@code KV_EMULATOR_TOKEN} (none: the emulator accepts any), the
 * first account of {@code KV_EMULATOR_ACCOUNT_ID} (none: {@link KVEmulatorContainer#DEFAULT_ACCOUNT_ID}, which an
 * emulator without accounts answers for), and the port {@code KV_EMULATOR_PORT} (default 8787). The emulator
 * is reached at the port Docker publishes for it, or, when none is published ({@code network_mode: host}), at
 * that port of the Docker host. Each binding the application declares gets a namespace of the emulator, titled after
 * it (found again after a restart when the service persists to a volume).
 *
 * <p>Limits: a token given only in a file ({@code KV_EMULATOR_TOKEN_FILE}) cannot be read here: the service
 * must also set {@code KV_EMULATOR_TOKEN}. With host networking and a port other than 8787, Boot's TCP readiness
 * check probes the image's exposed 8787: label the service {@code org.springframework.boot.readiness-check.tcp.disable:
 * "true"} and let the image's health check (which {@code docker compose up --wait} waits for) decide.
 */
class KVEmulatorDockerComposeConnectionDetailsFactory extends DockerComposeConnectionDetailsFactory<KVConnectionDetails> {

	static final String LABEL = "org.springframework.boot.service-connection";

	private static final int DEFAULT_PORT = 8787;

	/** How long the emulator may take to answer once Compose reports the service started. */
	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	KVEmulatorDockerComposeConnectionDetailsFactory() {
		super(KVEmulatorDockerComposeConnectionDetailsFactory::isEmulator,
				"io.github.workerskv.kv.autoconfigure.KVConnectionDetails");
	}

	/** @return whether the service runs the emulator's image, or is labelled as one */
	static boolean isEmulator(DockerComposeConnectionSource source) {
		RunningService service = source.getRunningService();
		String label = service.labels().get(LABEL);
		if (label != null) {
			return KVEmulatorContainer.IMAGE_NAME.equals(lastSegment(ImageReference.of(label).getName()));
		}
		return KVEmulatorContainer.IMAGE_NAME.equals(lastSegment(service.image().getName()));
	}

	private static String lastSegment(String name) {
		return name.substring(name.lastIndexOf('/') + 1);
	}

	@Override
	protected KVConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new KVEmulatorDockerComposeConnectionDetails(source.getRunningService());
	}

	/** The service's details, read from its environment and ports when the details are created. */
	static final class KVEmulatorDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements KVConnectionDetails {

		private final String serviceName;

		private final String baseUrl;

		private final String accountId;

		private final String token;

		private final Map<String, String> namespaceIds = new LinkedHashMap<>();

		private boolean answered;

		KVEmulatorDockerComposeConnectionDetails(RunningService service) {
			super(service);
			Map<String, @Nullable String> env = service.env();
			this.serviceName = service.name();
			this.baseUrl = "http://" + service.host() + ":" + port(service, env) + "/client/v4";
			this.accountId = accountId(env);
			this.token = token(service, env);
		}

		private static int port(RunningService service, Map<String, @Nullable String> env) {
			String text = env.get("KV_EMULATOR_PORT");
			int port;
			try {
				port = StringUtils.hasText(text) ? Integer.parseInt(text.strip()) : DEFAULT_PORT;
			}
			catch (NumberFormatException ex) {
				throw new IllegalStateException("Docker Compose service '" + service.name()
						+ "' sets KV_EMULATOR_PORT to '" + text + "', which is not a port number", ex);
			}
			try {
				return service.ports().get(port);
			}
			catch (IllegalStateException notPublished) {
				// With host networking Boot maps only the image's exposed port (8787) to itself.
				return port;
			}
		}

		private static String accountId(Map<String, @Nullable String> env) {
			String accounts = env.get("KV_EMULATOR_ACCOUNT_ID");
			if (!StringUtils.hasText(accounts)) {
				return KVEmulatorContainer.DEFAULT_ACCOUNT_ID;
			}
			return accounts.split(",")[0].strip();
		}

		private static String token(RunningService service, Map<String, @Nullable String> env) {
			String token = env.get("KV_EMULATOR_TOKEN");
			if (StringUtils.hasText(token)) {
				return token.strip();
			}
			if (StringUtils.hasText(env.get("KV_EMULATOR_TOKEN_FILE"))) {
				throw new IllegalStateException("Docker Compose service '" + service.name()
						+ "' reads its KV emulator token from KV_EMULATOR_TOKEN_FILE, which Spring Boot cannot see; "
						+ "set KV_EMULATOR_TOKEN in the service's environment as well");
			}
			return "kv-emulator-accepts-any-token";
		}

		@Override
		public String getBaseUrl() {
			return this.baseUrl;
		}

		@Override
		public String getAccountId() {
			return this.accountId;
		}

		@Override
		public Credentials getCredentials() {
			return Credentials.apiToken(this.token);
		}

		@Override
		public synchronized Map<String, String> getNamespaceIds(Set<String> bindings) {
			if (!this.answered) {
				// With host networking Boot has no published port to check readiness on.
				EmulatorApi.awaitAnswer(this.baseUrl, STARTUP_TIMEOUT, () -> true);
				this.answered = true;
			}
			List<String> missing = bindings.stream().filter((binding) -> !this.namespaceIds.containsKey(binding)).toList();
			this.namespaceIds
				.putAll(EmulatorApi.findOrCreateNamespaces(this.baseUrl, this.accountId, this.token, missing));
			Map<String, String> ids = new LinkedHashMap<>();
			bindings.forEach((binding) -> ids.put(binding, Objects.requireNonNull(this.namespaceIds.get(binding))));
			return ids;
		}

		@Override
		public String toString() {
			return "KVEmulatorDockerComposeConnectionDetails[service=" + this.serviceName + ", baseUrl=" + this.baseUrl
					+ ", accountId=" + this.accountId + ", token=****]";
		}

	}

}
