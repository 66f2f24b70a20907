package io.github.workerskv.kv.testcontainers;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.NamespaceInfo;
import io.github.workerskv.kv.testcontainers.app.QuickStartApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Spring Boot's Docker Compose support, whole: the application names {@code compose.yaml}, Boot starts it with
 * the Compose v2 CLI ({@code docker compose up --wait}), recognises the emulator's image, and the application gets
 * its {@link KVConnectionDetails} and passes the Quick Start. Boot runs {@code docker compose down} when the JVM
 * exits, as it does for an application ({@code .ci/run} checks that no container of the image is left).
 *
 * <p>Where no Compose v2 is installed (Debian 12 packages only 1.29.2) this class is skipped and says so, or fails
 * with {@code KV_CONTAINER_TESTS=required}.
 */
@ExtendWith({ ContainerTestCondition.class, ComposeV2Condition.class })
@SpringBootTest(classes = QuickStartApplication.class,
		properties = { "spring.docker.compose.enabled=true", "spring.docker.compose.skip.in-tests=false",
				"spring.docker.compose.file=src/test/resources/compose/compose.yaml",
				"spring.docker.compose.lifecycle-management=start-and-stop", "spring.docker.compose.start.skip=never",
				"spring.docker.compose.stop.command=down",
				"spring.docker.compose.readiness.timeout=2m" })
class DockerComposeContainerTest {

	@Autowired
	private KVConnectionDetails details;

	@Autowired
	private KVNamespace namespace;

	@Test
	void startsTheComposeServiceAndPassesTheQuickStart() {
		assertThat(this.details)
			.isInstanceOf(KVEmulatorDockerComposeConnectionDetailsFactory.KVEmulatorDockerComposeConnectionDetails.class);
		assertThat(this.details.getBaseUrl()).isEqualTo("http://127.0.0.1:38787/client/v4");
		assertThat(this.details.getAccountId()).isEqualTo("0000000000000000000000000000c0de");
		assertThat(this.details.getCredentials()).isEqualTo(Credentials.apiToken("compose-dev-token"));
		assertThat(this.details.toString()).doesNotContain("compose-dev-token");

		this.namespace.put("greeting", "Hello, KV!");

		assertThat(this.namespace.get("greeting")).isEqualTo("Hello, KV!");
		assertThat(this.namespace.get("nothing")).isNull();
		try (CloudflareKVClient client = CloudflareKVClient
			.create(CloudflareKVConfig.of(this.details.getAccountId(), this.details.getCredentials())
				.withBaseUrl(this.details.getBaseUrl()))) {
			assertThat(this.namespace.id()).isNotEqualTo("06779da6940b431db6e566b4846d64db");
			assertThat(client.listNamespaces()).extracting(NamespaceInfo::id, NamespaceInfo::title)
				.contains(tuple(this.namespace.id(), "MY_NAMESPACE"));
			assertThat(client.namespace(this.namespace.id()).get("greeting")).isEqualTo("Hello, KV!");
		}
	}

}
