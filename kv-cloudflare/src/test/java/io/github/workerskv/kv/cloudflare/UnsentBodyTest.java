package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A write whose connection breaks is retried only if the server cannot have had the whole request. Against a
 * loopback server that breaks every connection it accepts, either after reading 1 KiB of the body (so the
 * client is still sending a 20 MiB value) or after reading the whole body, and counts the connections.
 */
class UnsentBodyTest {

	private static final RetryOptions FAST = RetryOptions.defaults()
		.withMaxAttempts(3)
		.withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4));

	private BreakingServer server;

	@AfterEach
	void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Test
	void aWriteWhoseConnectionBrokeBeforeItsWholeBodyWasSentIsRetried() throws IOException {
		this.server = new BreakingServer(1024);
		try (CloudflareKVClient client = client()) {
			byte[] value = new byte[20 * 1024 * 1024];
			assertThatExceptionOfType(CloudflareRetryExhaustedException.class)
				.isThrownBy(() -> client.namespace("ns").put("k", value))
				.satisfies((ex) -> {
					assertThat(ex.attempts()).isEqualTo(3);
					assertThat(ex.lastFailure()).isInstanceOf(CloudflareIOException.class)
						.hasMessageContaining("before the request was sent in full");
				});
		}
		assertThat(this.server.connections()).isEqualTo(3);
	}

	@Test
	void aWriteWhoseConnectionBrokeAfterItsWholeBodyWasSentIsNotRetried() throws IOException {
		this.server = new BreakingServer(Long.MAX_VALUE);
		try (CloudflareKVClient client = client()) {
			assertThatExceptionOfType(CloudflareAmbiguousWriteException.class)
				.isThrownBy(() -> client.namespace("ns").put("k", "v".repeat(1000)))
				.satisfies((ex) -> {
					assertThat(ex.attempts()).isEqualTo(1);
					assertThat(ex.lastFailure()).hasMessageContaining("after the request was sent");
				});
		}
		assertThat(this.server.connections()).isEqualTo(1);
	}

	private CloudflareKVClient client() {
		return CloudflareKVClient.create(CloudflareKVConfig.of("acct", Credentials.apiToken("t"))
			.withBaseUrl("http://127.0.0.1:" + this.server.port() + "/client/v4")
			.withRequestTimeout(Duration.ofSeconds(10))
			.withRetry(FAST));
	}

	/** Accepts connections one at a time and breaks each after reading the headers and some of the body. */
	private static final class BreakingServer implements AutoCloseable {

		private final ServerSocket socket;

		private final long bodyBytes;

		private final AtomicInteger connections = new AtomicInteger();

		private final Thread thread;

		/** @param bodyBytes how much of each body to read before breaking the connection */
		BreakingServer(long bodyBytes) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.socket.setSoTimeout(100);
			this.bodyBytes = bodyBytes;
			this.thread = new Thread(this::serve, "breaking-server");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					this.connections.incrementAndGet();
					connection.setSoTimeout(5_000);
					InputStream in = connection.getInputStream();
					long length = contentLength(readHeaders(in));
					in.readNBytes((int) Math.min(length, this.bodyBytes));
					// a reset, not an orderly close: nothing more is read, nothing is answered
					connection.setSoLinger(true, 0);
				}
				catch (SocketTimeoutException ex) {
					// no connection yet: look again whether the server was closed
				}
				catch (IOException ex) {
					if (this.socket.isClosed()) {
						return;
					}
				}
			}
		}

		private static String readHeaders(InputStream in) throws IOException {
			StringBuilder headers = new StringBuilder();
			int b;
			while ((b = in.read()) >= 0 && headers.length() < 16_384) {
				headers.append((char) b);
				if (headers.length() >= 4 && headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
					break;
				}
			}
			return headers.toString();
		}

		private static long contentLength(String headers) {
			for (String line : headers.split("\r\n")) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					return Long.parseLong(line.substring("content-length:".length()).trim());
				}
			}
			return 0;
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			try {
				this.thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
