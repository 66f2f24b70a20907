package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * With Jetty's client, a streamed value whose body stops arriving midway fails the reader once the connection
 * has been silent for the request timeout, instead of blocking it for as long as the server keeps the
 * connection open. Against a loopback server that sends the headers and 100 KiB of a 200 KiB value, then
 * nothing. The JDK's client bounds only the wait for the headers (see {@link CloudflareKVConfig}), so this
 * class runs only in the suite's run with jetty-client on the class path (the module's pom leaves it out of the
 * other run).
 */
class JettyStalledBodyTest {

	private static final int SENT = 100 * 1024;

	@Test
	void aValueBodyThatStallsFailsTheReaderAfterTheRequestTimeout() throws Exception {
		CountDownLatch stop = new CountDownLatch(1);
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> serveOnce(socket, stop), "stalling-server");
			server.setDaemon(true);
			server.start();
			try (CloudflareKVClient client = CloudflareKVClient.create(CloudflareKVConfig.of("acct", Credentials.apiToken("t"))
				.withBaseUrl("http://127.0.0.1:" + socket.getLocalPort() + "/client/v4")
				.withHttpClient(HttpClientType.JETTY)
				.withRequestTimeout(Duration.ofSeconds(1))
				.withRetry(RetryOptions.disabled()))) {
				InputStream value = client.namespace("ns").getStream("k");
				assertThat(value).isNotNull();
				assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
					// readNBytes ends with a read of length 0, which must not wait for more of the body
					assertThat(value.readNBytes(SENT)).hasSize(SENT);
					assertThatExceptionOfType(IOException.class).isThrownBy(value::read)
						.withStackTraceContaining("Idle timeout");
				});
			}
			finally {
				stop.countDown();
				server.join(5_000);
			}
		}
	}

	private static void serveOnce(ServerSocket socket, CountDownLatch stop) {
		try (Socket connection = socket.accept()) {
			InputStream in = connection.getInputStream();
			int matched = 0;
			while (matched < 4) {
				int b = in.read();
				if (b < 0) {
					return;
				}
				matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : ((b == '\r') ? 1 : 0);
			}
			OutputStream out = connection.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (2 * SENT)
					+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[SENT]);
			out.flush();
			stop.await(20, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// the client went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
