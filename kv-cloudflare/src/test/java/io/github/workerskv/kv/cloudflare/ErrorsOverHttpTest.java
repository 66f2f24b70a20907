package io.github.workerskv.kv.cloudflare;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.workerskv.kv.InvalidListOptionsException;
import io.github.workerskv.kv.ListOptions;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorClock;
import io.github.workerskv.kv.emulator.RequestLine;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Each kind of failure becomes its own exception type, with status, codes and no secret. */
class ErrorsOverHttpTest {

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	private CloudflareKVNamespace kv;

	@BeforeEach
	void namespace() {
		this.kv = account.freshNamespace();
	}

	@Test
	void aWrongTokenIsAnAuthenticationFailureThatDoesNotShowEitherToken() {
		String wrong = "wrong-s3cr3t-token";
		try (CloudflareKVClient client = account.client((config) -> config.withCredentials(Credentials.apiToken(wrong)))) {
			assertThatExceptionOfType(CloudflareAuthenticationException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).get("k"))
				.satisfies((ex) -> {
					assertThat(ex.httpStatus()).isIn(401, 403);
					assertThat(ex.hasErrorCode(10000)).isTrue();
					assertThat(ex.getMessage()).contains("Check the API token").doesNotContain(wrong)
						.doesNotContain(EmulatedAccount.TOKEN);
					assertThat(ex.toString()).doesNotContain(wrong);
				});
		}
	}

	@Test
	void theGlobalKeyPairAuthenticates() {
		try (CloudflareKVClient client = account.client((config) -> config
			.withCredentials(Credentials.globalKey("ops@example.com", EmulatedAccount.TOKEN)))) {
			CloudflareKVNamespace kv = client.namespace(this.kv.id());
			kv.put("k", "v");
			assertThat(kv.get("k")).isEqualTo("v");
		}
		try (CloudflareKVClient client = account.client((config) -> config
			.withCredentials(Credentials.globalKey("ops@example.com", "wrong-key")))) {
			assertThatExceptionOfType(CloudflareAuthenticationException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).get("k"))
				.withMessageNotContaining("wrong-key");
		}
	}

	@Test
	void anAccountTheTokenCannotReachIsAnAuthenticationFailure() {
		try (CloudflareKVClient client = account.client((config) -> config.withAccountId("someone-else"))) {
			assertThatExceptionOfType(CloudflareAuthenticationException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).get("k"))
				.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(403));
		}
	}

	@Test
	void anUnknownNamespaceIsNotFoundButAMissingKeyIsNull() {
		CloudflareKVNamespace unknown = account.client().namespace("0123456789abcdef0123456789abcdef");
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class).isThrownBy(() -> unknown.get("k"))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(404);
				assertThat(ex.hasErrorCode(10013)).isTrue();
				assertThat(ex.getMessage()).contains("Check the namespace id");
			});
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class).isThrownBy(() -> unknown.put("k", "v"));
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class).isThrownBy(() -> unknown.delete("k"));
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class).isThrownBy(() -> unknown.list());
		assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class)
			.isThrownBy(() -> unknown.get(List.of("a", "b")));
		assertThat(this.kv.get("k")).isNull();
	}

	@Test
	void theServersValidationMessagesReachTheCaller() {
		KVEmulatorClock slow = KVEmulatorClock.at(Instant.now().minusSeconds(86_400));
		long anHourAgo = Instant.now().getEpochSecond() - 3600;
		try (CloudflareKVClient client = account.client((config) -> config.withClock(slow))) {
			assertThatExceptionOfType(CloudflareBadRequestException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).put("k", "v", PutOptions.none().withExpiration(anHourAgo)))
				.satisfies((ex) -> {
					assertThat(ex.httpStatus()).isEqualTo(400);
					assertThat(ex.errors()).hasSize(1);
					assertThat(ex.getMessage()).contains("Invalid expiration of " + anHourAgo);
				});
		}
	}

	@Test
	void aCursorTheServerRefusesIsInvalidListOptionsAsOnEveryBackendWithTheServersAnswerAsCause() {
		assertThatExceptionOfType(InvalidListOptionsException.class)
			.isThrownBy(() -> this.kv.list(ListOptions.defaults().withCursor("!!!not-base64")))
			.withMessageStartingWith("Invalid cursor '!!!not-base64'")
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(400);
				assertThat(ex.getCause()).isInstanceOf(CloudflareBadRequestException.class);
				assertThat(((CloudflareBadRequestException) ex.getCause()).hasErrorCode(10019)).isTrue();
			});
	}

	@Test
	void aDuplicateTitleIsABadRequestWithCode10014() {
		String title = "dup-" + System.nanoTime();
		account.client().createNamespace(title);
		assertThatExceptionOfType(CloudflareBadRequestException.class)
			.isThrownBy(() -> account.client().createNamespace(title))
			.satisfies((ex) -> assertThat(ex.hasErrorCode(10014)).isTrue());
	}

	@Test
	void aRateLimitCarriesRetryAfter() {
		account.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(3)));
		assertThatExceptionOfType(CloudflareRateLimitException.class).isThrownBy(() -> this.kv.put("k", "v"))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(429);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(3));
				assertThat(ex.hasErrorCode(971)).isTrue();
				assertThat(ex.getMessage()).contains("retry after 3000 ms");
			});
		this.kv.put("k", "v");
		assertThat(this.kv.get("k")).isEqualTo("v");
	}

	@Test
	void serverErrorsAreServerExceptions() {
		for (int status : new int[] { 500, 502, 503 }) {
			account.emulator().faults().next(1, Fault.serverError(status));
			assertThatExceptionOfType(CloudflareServerException.class).isThrownBy(() -> this.kv.get("k"))
				.satisfies((ex) -> assertThat(ex.httpStatus()).isEqualTo(status));
		}
	}

	@Test
	void aDroppedConnectionIsAnIOException() {
		// java.net.http retries a GET on its own when a pooled connection dies, so drop every attempt
		account.emulator().faults().next(10, RequestLine.matching("GET", "/values/"), Fault.dropConnection());
		assertThatExceptionOfType(CloudflareIOException.class).isThrownBy(() -> this.kv.get("k"))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(CloudflareTimeoutException.class)
					.isNotInstanceOf(CloudflareMalformedResponseException.class);
				assertThat(ex.httpStatus()).isZero();
				assertThat(ex.getMessage()).doesNotContain(EmulatedAccount.TOKEN);
			});
		account.reset();
		account.emulator().faults().next(1, RequestLine.matching("PUT", "/values/"), Fault.dropConnection());
		assertThatExceptionOfType(CloudflareAmbiguousWriteException.class).isThrownBy(() -> this.kv.put("k", "v"))
			.withMessageContaining("PUT")
			.withMessageContaining("the connection broke after the request was sent")
			.satisfies((ex) -> assertThat(ex.lastFailure()).isExactlyInstanceOf(CloudflareIOException.class));
		assertThat(this.kv.get("k")).isNull();
	}

	@Test
	void aSlowServerTimesOutAfterTheRequestTimeout() {
		account.emulator().faults().next(1, RequestLine.matching("GET", "/values/"), Fault.delay(Duration.ofSeconds(3)));
		try (CloudflareKVClient client = account.client((config) -> config.withRequestTimeout(Duration.ofMillis(300)))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(CloudflareTimeoutException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).get("k"))
				.withMessageContaining("request timeout");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void aWrongBaseUrlSaysSo() {
		try (CloudflareKVClient client = account.client((config) -> config.withBaseUrl(account.emulator().baseUrl()
			.toString()
			.replace("/client/v4", "/client/v3")))) {
			assertThatExceptionOfType(CloudflareNamespaceNotFoundException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).put("k", "v"))
				.satisfies((ex) -> {
					assertThat(ex.hasErrorCode(7003)).isTrue();
					assertThat(ex.getMessage()).contains("base URL");
				});
		}
	}

	@Test
	void aBodyThatIsNotTheEnvelopeIsAMalformedResponse() throws Exception {
		HttpServer portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		portal.createContext("/", (exchange) -> {
			byte[] page = "<html><body>Sign in to the Wi-Fi</body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		portal.start();
		try (CloudflareKVClient client = account.client((config) -> config
			.withBaseUrl("http://127.0.0.1:" + portal.getAddress().getPort() + "/client/v4"))) {
			assertThatExceptionOfType(CloudflareMalformedResponseException.class)
				.isThrownBy(() -> client.namespace(this.kv.id()).list())
				.satisfies((ex) -> {
					assertThat(ex.httpStatus()).isEqualTo(200);
					assertThat(ex.getMessage()).contains("Sign in to the Wi-Fi").contains("base URL");
				});
			assertThatExceptionOfType(CloudflareMalformedResponseException.class)
				.isThrownBy(() -> client.listNamespaces());
		}
		finally {
			portal.stop(0);
		}
	}

}
