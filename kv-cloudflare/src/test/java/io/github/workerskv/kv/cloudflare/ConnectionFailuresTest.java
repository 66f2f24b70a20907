package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When there is no connection, the message names the base URL to check: a refused connection, a host that
 * does not resolve, and a connection that never completes.
 */
class ConnectionFailuresTest {

	private static final String TOKEN = "connection-s3cr3t-token";

	@Test
	void refusedConnectionNamesTheBaseUrl() throws IOException {
		String baseUrl = "http://127.0.0.1:" + closedPort() + "/client/v4";
		try (CloudflareKVClient client = client(baseUrl, Duration.ofSeconds(2))) {
			assertThatExceptionOfType(CloudflareIOException.class).isThrownBy(() -> client.namespace("ns").get("k"))
				.satisfies((ex) -> assertThat(ex).isNotInstanceOf(CloudflareTimeoutException.class))
				.withMessageContaining("failed: could not connect to 127.0.0.1:")
				.withMessageEndingWith("Check the base URL " + baseUrl + " and that the server is up.")
				.withMessageNotContaining(TOKEN);
		}
	}

	/**
	 * What the JDK's client throws for a host that does not resolve (recorded on JDK 17 against
	 * {@code http://kv-test.invalid:8787}): a {@code ConnectException} wrapping one caused by an
	 * {@code UnresolvedAddressException}. Tests reach no resolver, so the chain is built here.
	 */
	@Test
	void unknownHostSaysTheHostDoesNotResolveAndNamesTheBaseUrl() {
		ConnectException inner = new ConnectException();
		inner.initCause(new UnresolvedAddressException());
		ConnectException thrown = new ConnectException();
		thrown.initCause(inner);

		CloudflareIOException failure = HttpTransport.unreachable("GET /accounts/acct/storage/kv/namespaces/ns/keys",
				URI.create("https://kv-test.invalid/client/v4/accounts/acct"), "https://kv-test.invalid/client/v4",
				thrown);

		assertThat(failure.getMessage()).isEqualTo("GET /accounts/acct/storage/kv/namespaces/ns/keys failed: the host "
				+ "kv-test.invalid of the base URL https://kv-test.invalid/client/v4 is unknown (it does not resolve). "
				+ "Check the base URL.");
		assertThat(failure.getCause()).isSameAs(thrown);
		assertThat(failure.httpStatus()).isZero();
	}

	@Test
	void connectionThatNeverCompletesTimesOutNamingTheBaseUrlAndTheTimeout() throws IOException {
		try (UnansweredPort port = new UnansweredPort()) {
			String baseUrl = "http://127.0.0.1:" + port.port() + "/client/v4";
			try (CloudflareKVClient client = client(baseUrl, Duration.ofMillis(300))) {
				assertThatExceptionOfType(CloudflareTimeoutException.class)
					.isThrownBy(() -> client.namespace("ns").get("k"))
					.withMessageContaining("failed: no connection to 127.0.0.1:" + port.port()
							+ " within the connect timeout (300 ms). Check the base URL " + baseUrl
							+ " and the network, or raise connectTimeout.");
			}
		}
	}

	private static CloudflareKVClient client(String baseUrl, Duration connectTimeout) {
		return CloudflareKVClient.create(CloudflareKVConfig.of("acct", Credentials.apiToken(TOKEN))
			.withBaseUrl(baseUrl)
			.withConnectTimeout(connectTimeout)
			.withRequestTimeout(Duration.ofSeconds(5))
			.withRetry(RetryOptions.disabled()));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A loopback port whose connections never complete: a listening socket that accepts nothing, its
	 * backlog filled, so that the kernel drops further connection attempts and they time out.
	 */
	static final class UnansweredPort implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> filling = new ArrayList<>();

		UnansweredPort() throws IOException {
			this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			for (int i = 0; i < 4; i++) {
				Socket socket = new Socket();
				try {
					socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 200);
					this.filling.add(socket);
				}
				catch (IOException ex) {
					socket.close();
					break;
				}
			}
		}

		int port() {
			return this.server.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			for (Socket socket : this.filling) {
				socket.close();
			}
			this.server.close();
		}

	}

}
