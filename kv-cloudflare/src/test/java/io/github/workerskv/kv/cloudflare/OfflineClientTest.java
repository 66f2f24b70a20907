package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.github.workerskv.kv.BulkResult;
import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.InvalidExpirationException;
import io.github.workerskv.kv.InvalidKeyException;
import io.github.workerskv.kv.MetadataTooLargeException;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** What the client decides without a server: local validation, refused connections, secrecy, closing. */
class OfflineClientTest {

	private static final String TOKEN = "offline-s3cr3t-token";

	private CloudflareKVClient client;

	private CloudflareKVNamespace namespace;

	@BeforeEach
	void createClientForAClosedPort() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		this.client = CloudflareKVClient.create(CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN))
			.withBaseUrl("http://127.0.0.1:" + port + "/client/v4")
			.withConnectTimeout(Duration.ofSeconds(2))
			.withRequestTimeout(Duration.ofSeconds(2))
			.withRetry(RetryOptions.disabled()));
		this.namespace = this.client.namespace("ns");
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void refusesDotKeysBeforeAnyRequest() {
		for (String key : List.of(".", "..", "")) {
			assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> this.namespace.get(key));
			assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> this.namespace.put(key, "v"));
			assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> this.namespace.delete(key));
			assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> this.namespace.bulkDelete(List.of("ok", key)));
		}
	}

	@Test
	void validatesBulkWritesBeforeAnyRequest() {
		String large = "x".repeat(1100);
		assertThatExceptionOfType(MetadataTooLargeException.class).isThrownBy(
				() -> this.namespace.bulkPut(List.of(BulkWrite.of("a", "1"), BulkWrite.of("b", "2").withMetadata(Map.of("m", large)))));
		assertThatExceptionOfType(InvalidExpirationException.class).isThrownBy(
				() -> this.namespace.bulkPut(List.of(BulkWrite.of("a", "1").withExpiration(1))));
		assertThatExceptionOfType(InvalidExpirationException.class).isThrownBy(() -> BulkWrite.of("a", "1").withExpirationTtl(59));
		assertThatExceptionOfType(InvalidKeyException.class).isThrownBy(() -> BulkWrite.of("..", "1"));
	}

	@Test
	void emptyBulkCallsSendNothing() {
		assertThat(this.namespace.bulkPut(List.of())).isEqualTo(new BulkResult(0, List.of()));
		assertThat(this.namespace.bulkDelete(List.of())).isEqualTo(new BulkResult(0, List.of()));
	}

	@Test
	void aRefusedConnectionIsAnIOExceptionWithoutTheToken() {
		assertThatExceptionOfType(CloudflareIOException.class).isThrownBy(() -> this.namespace.get("k"))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(CloudflareTimeoutException.class);
				assertThat(ex.httpStatus()).isZero();
				assertThat(ex.getMessage()).contains("GET /accounts/acct/storage/kv/namespaces/ns/values/k")
					.contains("could not connect")
					.doesNotContain(TOKEN);
			});
		assertThatExceptionOfType(CloudflareIOException.class)
			.isThrownBy(() -> this.namespace.put("k", "v", PutOptions.none().withMetadata(Map.of("a", 1))))
			.withMessageNotContaining(TOKEN);
	}

	@Test
	void aRefusedConnectionIsRetriedAndThenReportedWithItsAttemptsAndLastAnswer() {
		try (CloudflareKVClient retrying = CloudflareKVClient.create(this.client.config()
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))))) {
			assertThatExceptionOfType(CloudflareRetryExhaustedException.class)
				.isThrownBy(() -> retrying.namespace("ns").get("k"))
				.satisfies((ex) -> {
					assertThat(ex.attempts()).isEqualTo(5);
					assertThat(ex.lastFailure()).isInstanceOf(CloudflareIOException.class);
					assertThat(ex.getCause()).isSameAs(ex.lastFailure());
					assertThat(ex.httpStatus()).isZero();
					assertThat(ex.getMessage()).startsWith("get on ns gave up after 5 attempts")
						.contains("all 5 attempts failed")
						.contains("Last answer: GET /accounts/acct/storage/kv/namespaces/ns/values/k failed")
						.doesNotContain(TOKEN);
				});
			// nothing reached a server, so a write is retried too
			assertThatExceptionOfType(CloudflareRetryExhaustedException.class)
				.isThrownBy(() -> retrying.namespace("ns").put("k", "v"))
				.satisfies((ex) -> assertThat(ex.attempts()).isEqualTo(5));
		}
	}

	@Test
	void asyncCallsFailTheirFuture() {
		assertThat(this.namespace.getAsync("k")).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(CloudflareIOException.class);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> this.namespace.deleteAsync("k").join())
			.withCauseInstanceOf(CloudflareIOException.class);
	}

	@Test
	void neitherClientNorNamespaceShowTheToken() {
		assertThat(this.client.toString()).doesNotContain(TOKEN).contains("****");
		assertThat(this.namespace.toString()).isEqualTo("CloudflareKVNamespace[ns]");
	}

	@Test
	void namespacesAreSharedPerId() {
		assertThat(this.client.namespace("ns")).isSameAs(this.namespace);
		assertThat(this.namespace.id()).isEqualTo("ns");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.namespace(".."));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.createNamespace(""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.renameNamespace("ns", "t".repeat(513)));
	}

	@Test
	void aClosedClientRefusesCalls() {
		this.client.close();
		assertThatIllegalStateException().isThrownBy(() -> this.namespace.get("k")).withMessageContaining("closed");
	}

}
