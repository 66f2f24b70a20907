package io.github.workerskv.kv.testcontainers;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.NamespaceInfo;
import io.github.workerskv.kv.testcontainers.app.QuickStartApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.docker.compose.core.InspectedRunningService;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.ComposeConnectionSources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker Compose file {@code src/test/resources/compose/compose.yaml}, started by whichever Compose CLI is
 * installed (Debian 12's {@code docker-compose} 1.29.2 will do), seen by Spring Boot's own Docker Compose classes
 * (its {@code RunningService} from the container's {@code docker inspect}, its connection details factories from
 * {@code spring.factories}), and an application that gets its {@link KVConnectionDetails} from them and passes the
 * Quick Start. Only Boot's {@code docker compose up/ps} steps are left out: they need Compose v2, which
 * {@link DockerComposeContainerTest} uses where it is installed.
 */
@ExtendWith({ ContainerTestCondition.class, ComposeCliCondition.class })
class DockerComposeServiceContainerTest {

	private static final File COMPOSE_FILE = new File("src/test/resources/compose/compose.yaml").getAbsoluteFile();

	private static final String PROJECT = "kv-compose-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

	private static List<String> compose = List.of();

	@BeforeAll
	static void startTheComposeFile() {
		compose = ComposeCli.composeCommand();
		ComposeCli.ok(command("up", "-d"), Duration.ofMinutes(2));
	}

	@AfterAll
	static void stopIt() {
		if (!compose.isEmpty()) {
			ComposeCli.run(command("down", "--volumes", "--timeout", "30"), Duration.ofMinutes(2));
		}
	}

	@Test
	void bootsComposeSupportRecognisesTheImageAndTheApplicationPassesTheQuickStart() {
		RunningService service = runningService();
		Map<Class<?>, ConnectionDetails> found = new ConnectionDetailsFactories(getClass().getClassLoader())
			.getConnectionDetails(ComposeConnectionSources.of(service, new StandardEnvironment()), false);

		assertThat(found).containsOnlyKeys(KVConnectionDetails.class);
		KVConnectionDetails details = (KVConnectionDetails) found.get(KVConnectionDetails.class);
		assertThat(details.getBaseUrl()).isEqualTo("http://127.0.0.1:38787/client/v4");
		assertThat(details.getAccountId()).isEqualTo("0000000000000000000000000000c0de");
		assertThat(details.getCredentials()).isEqualTo(Credentials.apiToken("compose-dev-token"));
		assertThat(details.toString()).doesNotContain("compose-dev-token");

		try (ConfigurableApplicationContext application = new SpringApplicationBuilder(QuickStartApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.docker.compose.enabled=false")
			.initializers((context) -> register((GenericApplicationContext) context, details))
			.run()) {
			KVNamespace namespace = application.getBean(KVNamespace.class);
			namespace.put("greeting", "Hello, KV!");
			assertThat(namespace.get("greeting")).isEqualTo("Hello, KV!");
			assertThat(namespace.get("nothing")).isNull();

			try (CloudflareKVClient client = CloudflareKVClient.create(CloudflareKVConfig
				.of(details.getAccountId(), details.getCredentials())
				.withBaseUrl(details.getBaseUrl()))) {
				assertThat(client.listNamespaces()).extracting(NamespaceInfo::id, NamespaceInfo::title)
					.contains(org.assertj.core.groups.Tuple.tuple(namespace.id(), "MY_NAMESPACE"));
				assertThat(client.namespace(namespace.id()).get("greeting")).isEqualTo("Hello, KV!");
			}
		}
	}

	/** As Boot's {@code DockerComposeServiceConnectionsApplicationListener} registers connection details. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void register(GenericApplicationContext context, KVConnectionDetails details) {
		context.registerBean("kvConnectionDetailsForCompose", (Class) details.getClass(), () -> details);
	}

	private static RunningService runningService() {
		String id = ComposeCli.ok(List.of("docker", "ps", "--quiet", "--filter", "label=com.docker.compose.project=" + PROJECT,
				"--filter", "label=com.docker.compose.service=kv"), Duration.ofSeconds(30));
		assertThat(id).as("the compose service's container").isNotEmpty().doesNotContain("\n");
		String name = ComposeCli.ok(List.of("docker", "inspect", "--format", "{{.Name}}", id), Duration.ofSeconds(30));
		String inspect = ComposeCli.ok(List.of("docker", "inspect", id), Duration.ofSeconds(30));
		return InspectedRunningService.of(name.replaceFirst("^/", ""), "workers-kv-emulator:latest", inspect,
				COMPOSE_FILE);
	}

	private static List<String> command(String... args) {
		List<String> command = new ArrayList<>(compose);
		command.addAll(List.of("--project-name", PROJECT, "--file", COMPOSE_FILE.getPath()));
		command.addAll(List.of(args));
		return command;
	}

}
