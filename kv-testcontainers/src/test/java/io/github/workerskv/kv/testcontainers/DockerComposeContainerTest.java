package io.github.workerskv.kv.testcontainers;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.testcontainers.app.QuickStartApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's Docker Compose support, whole: the application names {@code compose.yaml}, Boot starts it with
 * the Compose CLI, recognises the emulator's image, and the application gets its {@link KVConnectionDetails} and
 * passes the Quick Start; Boot stops the service when the context closes.
 *
 * <p>Boot needs Compose v2 ({@code docker compose version --format json}); where only an older Compose is
 * installed (Debian 12 packages 1.29.2) this class is skipped and says so, even in CI, and
 * {@link DockerComposeServiceContainerTest} proves the rest with Boot's own classes.
 */
@ExtendWith({ ContainerTestCondition.class, ComposeV2Condition.class })
@SpringBootTest(classes = QuickStartApplication.class,
		properties = { "spring.docker.compose.enabled=true", "spring.docker.compose.skip.in-tests=false",
				"spring.docker.compose.file=src/test/resources/compose/compose.yaml",
				"spring.docker.compose.lifecycle-management=start-and-stop", "spring.docker.compose.stop.command=down",
				"spring.docker.compose.readiness.timeout=2m" })
class DockerComposeContainerTest {

	@Autowired
	private KVConnectionDetails details;

	@Autowired
	private KVNamespace namespace;

	@Test
	void startsTheComposeServiceAndPassesTheQuickStart() {
		assertThat(this.details.getBaseUrl()).isEqualTo("http://127.0.0.1:38787/client/v4");

		this.namespace.put("greeting", "Hello, KV!");

		assertThat(this.namespace.get("greeting")).isEqualTo("Hello, KV!");
		assertThat(this.namespace.get("nothing")).isNull();
		try (CloudflareKVClient client = CloudflareKVClient
			.create(CloudflareKVConfig.of(this.details.getAccountId(), this.details.getCredentials())
				.withBaseUrl(this.details.getBaseUrl()))) {
			assertThat(client.getNamespace(this.namespace.id()).title()).isEqualTo("MY_NAMESPACE");
			assertThat(client.namespace(this.namespace.id()).get("greeting")).isEqualTo("Hello, KV!");
		}
	}

}
