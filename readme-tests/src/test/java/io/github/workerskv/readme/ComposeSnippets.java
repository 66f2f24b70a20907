package io.github.workerskv.readme;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.EmulatorEnvironment;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.testcontainers.KVEmulatorContainer;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a README {@code compose.yaml} as Spring Boot's Docker Compose support and the emulator read it, without
 * Docker: each service is given to Boot's {@link ConnectionDetailsFactories} as the running service Compose would
 * report (host networking: only the image's exposed 8787 is mapped, to itself), exactly one must be recognised as
 * the emulator, its {@code KV_EMULATOR_*} variables must be ones the emulator knows and accepts, and the
 * {@link KVConnectionDetails} Boot makes from them must point at the address, account and token the emulator then
 * has. Only {@code network_mode: host} is checked: published ports need Docker to resolve.
 */
final class ComposeSnippets {

	private static final int IMAGE_PORT = 8787;

	private static final String TCP_CHECK_DISABLED = "org.springframework.boot.readiness-check.tcp.disable";

	private static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries",
			"start_period", "start_interval", "disable");

	private ComposeSnippets() {
	}

	/**
	 * @param snippet a Compose file
	 * @throws AssertionError naming the snippet and what Boot or the emulator would not read as the README says
	 */
	static void check(Snippet snippet) throws Exception {
		Map<String, Object> compose = map(new Yaml().load(snippet.text()), snippet.where());
		Map<String, Object> services = map(compose.get("services"), snippet.where() + ": services");
		ConnectionDetailsFactories factories = new ConnectionDetailsFactories(ComposeSnippets.class.getClassLoader());
		List<String> emulators = new ArrayList<>();
		for (Map.Entry<String, Object> entry : services.entrySet()) {
			String where = snippet.where() + ": service '" + entry.getKey() + "'";
			Map<String, Object> service = map(entry.getValue(), where);
			assertThat(service.get("network_mode")).as(where + ": network_mode (the only networking checked here)")
				.isEqualTo("host");
			Map<String, String> env = strings(service.get("environment"), where + ": environment");
			Map<String, String> labels = strings(service.get("labels"), where + ": labels");
			RunningService running = new HostNetworkService(entry.getKey(),
					ImageReference.of(String.valueOf(service.get("image"))), env, labels);
			Map<Class<?>, ConnectionDetails> details = factories.getConnectionDetails(source(running), false);
			if (details.get(KVConnectionDetails.class) instanceof KVConnectionDetails kv) {
				emulators.add(entry.getKey());
				checkEmulator(where, kv, env, labels, service.get("healthcheck"));
			}
		}
		assertThat(emulators).as(snippet.where() + ": services Boot recognises as the " + KVEmulatorContainer.IMAGE_NAME
				+ " image").hasSize(1);
	}

	private static void checkEmulator(String where, KVConnectionDetails kv, Map<String, String> env,
			Map<String, String> labels, Object healthcheck) {
		assertThat(EmulatorEnvironment.unknown(env)).as(where + ": variables the emulator does not know").isEmpty();
		KVEmulatorOptions options = EmulatorEnvironment.options(env);
		assertThat(options.host()).as(where + ": KV_EMULATOR_HOST with host networking").isEqualTo("127.0.0.1");
		assertThat(kv.getBaseUrl()).as(where + ": the URL Boot gives the application")
			.isEqualTo("http://127.0.0.1:" + options.port() + "/client/v4");
		assertThat(options.tokens()).as(where + ": KV_EMULATOR_TOKEN").hasSize(1);
		assertThat(kv.getCredentials()).as(where + ": the token Boot gives the application")
			.isEqualTo(Credentials.apiToken(options.tokens().iterator().next()));
		String account = options.accountIds().isEmpty() ? KVEmulatorContainer.DEFAULT_ACCOUNT_ID
				: options.accountIds().iterator().next();
		assertThat(kv.getAccountId()).as(where + ": the account Boot gives the application").isEqualTo(account);
		if (options.port() != IMAGE_PORT) {
			assertThat(labels.get(TCP_CHECK_DISABLED)).as(where + ": label " + TCP_CHECK_DISABLED
					+ " (Boot's TCP check would probe " + IMAGE_PORT + ", where nothing listens)").isEqualTo("true");
		}
		if (healthcheck != null) {
			assertThat(map(healthcheck, where + ": healthcheck").keySet()).as(where + ": healthcheck keys")
				.isSubsetOf(HEALTHCHECK_KEYS);
		}
	}

	private static DockerComposeConnectionSource source(RunningService service) throws Exception {
		// Boot makes these itself from `docker compose ps`; its constructor is not public.
		Constructor<DockerComposeConnectionSource> constructor = DockerComposeConnectionSource.class
			.getDeclaredConstructor(RunningService.class, org.springframework.core.env.Environment.class);
		constructor.setAccessible(true);
		return constructor.newInstance(service, new StandardEnvironment());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value, String where) {
		assertThat(value).as(where).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	/** Compose's two forms of environment and labels: a map, or a list of {@code NAME=value}. */
	private static Map<String, String> strings(Object value, String where) {
		Map<String, String> strings = new LinkedHashMap<>();
		if (value instanceof List<?> list) {
			list.forEach((item) -> {
				String[] pair = String.valueOf(item).split("=", 2);
				strings.put(pair[0], (pair.length > 1) ? pair[1] : "");
			});
		}
		else if (value != null) {
			map(value, where).forEach((name, text) -> strings.put(name, String.valueOf(text)));
		}
		return strings;
	}

	/** A service as Compose reports it running with {@code network_mode: host} on the local Docker host. */
	private record HostNetworkService(String name, ImageReference image, Map<String, String> env,
			Map<String, String> labels) implements RunningService {

		@Override
		public String host() {
			return "127.0.0.1";
		}

		@Override
		public ConnectionPorts ports() {
			return new ConnectionPorts() {
				@Override
				public int get(int containerPort) {
					if (containerPort != IMAGE_PORT) {
						throw new IllegalStateException("No host port mapping found for container port " + containerPort);
					}
					return IMAGE_PORT;
				}

				@Override
				public List<Integer> getAll() {
					return List.of(IMAGE_PORT);
				}

				@Override
				public List<Integer> getAll(String protocol) {
					return "tcp".equals(protocol) ? List.of(IMAGE_PORT) : List.of();
				}
			};
		}

	}

}
