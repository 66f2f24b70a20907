package io.github.workerskv.kv.testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareAuthenticationException;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link KVEmulatorContainer} on its own, without Spring: one container shared by the class for the API, and
 * containers of their own for persistence and the request budget.
 */
@ExtendWith(ContainerTestCondition.class)
@Testcontainers
class KVEmulatorContainerTest {

	private static final String TOKEN = "container-test-s3cret";

	private static final String ACCOUNT = "0f2ac74b498b48028cb68387c421e279";

	@Container
	static final KVEmulatorContainer kv = new KVEmulatorContainer().withToken(TOKEN)
		.withAccountId(ACCOUNT)
		.withNamespace("CACHE")
		.withNamespace("FLAGS")
		.withEnforceWriteRate();

	@Test
	void servesTheQuickStartOnLoopbackInTheNamespacesItCreatedAtStart() {
		assertThat(kv.getBaseUrl()).isEqualTo("http://127.0.0.1:" + kv.getPort() + "/client/v4");
		assertThat(kv.getNamespaceId("CACHE")).matches("[0-9a-f]{32}").isNotEqualTo(kv.getNamespaceId("FLAGS"));
		try (CloudflareKVClient client = client(kv, TOKEN)) {
			assertThat(client.listNamespaces()).extracting("title").contains("CACHE", "FLAGS");
			KVNamespace cache = client.namespace(kv.getNamespaceId("CACHE"));

			cache.put("greeting", "Hello, KV!");

			assertThat(cache.get("greeting")).isEqualTo("Hello, KV!");
			assertThat(cache.get("nothing")).isNull();
			assertThat(client.namespace(kv.getNamespaceId("FLAGS")).get("greeting")).isNull();
		}
	}

	@Test
	void refusesAnotherToken() {
		try (CloudflareKVClient client = client(kv, "not-the-token")) {
			assertThatExceptionOfType(CloudflareAuthenticationException.class)
				.isThrownBy(() -> client.namespace(kv.getNamespaceId("CACHE")).get("greeting"));
		}
	}

	@Test
	void findsTheNamespaceOfABindingAgainInsteadOfCreatingASecond() {
		String id = kv.getNamespaceId("CACHE");

		assertThat(kv.namespaceIds(java.util.List.of("CACHE", "SESSIONS"))).containsEntry("CACHE", id)
			.hasEntrySatisfying("SESSIONS", (created) -> assertThat(created).matches("[0-9a-f]{32}"));
		try (CloudflareKVClient client = client(kv, TOKEN)) {
			assertThat(client.listNamespaces()).extracting("title").containsOnlyOnce("CACHE", "SESSIONS");
		}
		assertThat(kv.getNamespaceId("SESSIONS")).isEqualTo(kv.namespaceIds(java.util.List.of("SESSIONS")).get("SESSIONS"));
	}

	@Test
	void enforcesKVsOneWritePerSecondPerKeyWhenAsked() throws Exception {
		String values = kv.getBaseUrl() + "/accounts/" + ACCOUNT + "/storage/kv/namespaces/" + kv.getNamespaceId("FLAGS")
				+ "/values/";

		assertThat(put(values + "hot", TOKEN)).isEqualTo(200);
		assertThat(put(values + "hot", TOKEN)).isEqualTo(429);
		assertThat(put(values + "cold", TOKEN)).isEqualTo(200);
	}

	@Test
	void keepsItsKeysInAVolumeAcrossARestart() {
		String volume = "kv-testcontainers-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (KVEmulatorContainer persistent = new KVEmulatorContainer().withPersistence(volume).withNamespace("CACHE")) {
			persistent.start();
			String namespace = persistent.getNamespaceId("CACHE");
			int firstPort = persistent.getPort();
			try (CloudflareKVClient client = client(persistent, persistent.getToken())) {
				client.namespace(namespace).put("kept", "across restarts");
			}

			persistent.stop();
			persistent.start();

			assertThat(persistent.getNamespaceId("CACHE")).isEqualTo(namespace);
			assertThat(persistent.getPort()).isNotEqualTo(firstPort);
			try (CloudflareKVClient client = client(persistent, persistent.getToken())) {
				assertThat(client.namespace(namespace).get("kept")).isEqualTo("across restarts");
				assertThat(client.listNamespaces()).extracting("title").containsOnlyOnce("CACHE");
			}
			assertThat(persistent.getLogs()).contains("Storage: /data/kv.db");
		}
		finally {
			DockerClientFactory.instance().client().removeVolumeCmd(volume).exec();
		}
	}

	@Test
	void answersPastItsRequestBudgetWith429() throws Exception {
		try (KVEmulatorContainer budgeted = new KVEmulatorContainer().withRequestBudget(3, Duration.ofSeconds(300))) {
			budgeted.start();
			String namespaces = budgeted.getBaseUrl() + "/accounts/" + budgeted.getAccountId() + "/storage/kv/namespaces";

			for (int i = 0; i < 3; i++) {
				assertThat(get(namespaces, budgeted.getToken())).isEqualTo(200);
			}
			assertThat(get(namespaces, budgeted.getToken())).isEqualTo(429);
		}
	}

	@Test
	void showsNoTokenInItsToString() {
		assertThat(kv.toString()).contains(kv.getBaseUrl(), ACCOUNT).doesNotContain(TOKEN);
	}

	private static CloudflareKVClient client(KVEmulatorContainer container, String token) {
		return CloudflareKVClient.create(CloudflareKVConfig.of(container.getAccountId(), Credentials.apiToken(token))
			.withBaseUrl(container.getBaseUrl()));
	}

	private static int put(String url, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString("v")), token);
	}

	private static int get(String url, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(url)).GET(), token);
	}

	private static int send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		return http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

}
