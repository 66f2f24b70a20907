package io.github.workerskv.kv.testcontainers;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.testcontainers.app.QuickStartApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's snippet: {@code @Container @ServiceConnection static KVEmulatorContainer kv = new
 * KVEmulatorContainer();} and nothing else. The application's binding, configured with a production id, gets a
 * namespace of the container, and the Quick Start and a Spring Cache round trip go through it.
 */
@ExtendWith(ContainerTestCondition.class)
@Testcontainers
@SpringBootTest(classes = QuickStartApplication.class)
class KVEmulatorContainerServiceConnectionTest {

	@Container
	@ServiceConnection
	static KVEmulatorContainer kv = new KVEmulatorContainer();

	/** A client of the container's own, to see what the application wrote there. */
	private static CloudflareKVClient container;

	@Autowired
	private KVNamespace namespace;

	@Autowired
	private QuickStartApplication.Squares squares;

	@Autowired
	private ApplicationContext context;

	@BeforeAll
	static void connectToTheContainer() {
		container = CloudflareKVClient.create(CloudflareKVConfig.of(kv.getAccountId(), Credentials.apiToken(kv.getToken()))
			.withBaseUrl(kv.getBaseUrl()));
	}

	@AfterAll
	static void disconnect() {
		if (container != null) {
			container.close();
		}
	}

	@Test
	void pointsTheBindingAtANamespaceOfTheContainer() {
		assertThat(this.context.getBean(KVConnectionDetails.class).getBaseUrl()).isEqualTo(kv.getBaseUrl());
		assertThat(this.context.getBeansOfType(LocalKVStore.class)).isEmpty();
		assertThat(this.namespace.name()).isEqualTo("MY_NAMESPACE");
		assertThat(this.namespace.id()).isEqualTo(kv.getNamespaceId("MY_NAMESPACE"))
			.isNotEqualTo("06779da6940b431db6e566b4846d64db");
		assertThat(this.namespace.unwrap(CloudflareKVNamespace.class)).isPresent();
		assertThat(container.getNamespace(this.namespace.id()).title()).isEqualTo("MY_NAMESPACE");
	}

	@Test
	void passesTheQuickStartThroughTheContainer() {
		this.namespace.put("greeting", "Hello, KV!");

		assertThat(this.namespace.get("greeting")).isEqualTo("Hello, KV!");
		assertThat(this.namespace.get("nothing")).isNull();
		assertThat(container.namespace(kv.getNamespaceId("MY_NAMESPACE")).get("greeting")).isEqualTo("Hello, KV!");
	}

	@Test
	void cachesInTheContainersNamespace() {
		KVNamespace stored = container.namespace(kv.getNamespaceId("MY_NAMESPACE"));
		int before = this.squares.computations();

		assertThat(this.squares.square(12)).isEqualTo("144");
		assertThat(this.squares.square(12)).isEqualTo("144");
		assertThat(this.squares.computations()).isEqualTo(before + 1);

		var entries = stored.list(ListOptions.defaults().withPrefix("cache:")).keys();
		assertThat(entries).singleElement().satisfies((key) -> assertThat(key.name()).contains("squares"));
		stored.delete(entries.get(0).name());
		assertThat(this.squares.square(12)).isEqualTo("144");
		assertThat(this.squares.computations()).isEqualTo(before + 2);
	}

	// Flag evaluation through the container (issue 12's third proof) belongs here once the flags module has
	// landed: a test named evaluatesAFlagStoredInTheContainer that writes flags:global to MY_NAMESPACE and
	// evaluates it through the application's flag service.

}
