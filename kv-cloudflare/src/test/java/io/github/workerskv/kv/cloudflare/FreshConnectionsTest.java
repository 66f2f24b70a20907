package io.github.workerskv.kv.cloudflare;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link FreshConnections} starts a new client: exactly when the next exchange could be handed a pooled
 * connection idle for the timeout (1 s here) or longer, on a ticker the test moves. The clients are real, and
 * never send anything.
 */
class FreshConnectionsTest {

	private final AtomicLong now = new AtomicLong();

	private final List<HttpClient> made = new ArrayList<>();

	private final FreshConnections connections = new FreshConnections(() -> {
		HttpClient client = HttpClient.newHttpClient();
		this.made.add(client);
		return client;
	}, Duration.ofSeconds(1), this.now::get);

	@Test
	void exchangesWithinTheIdleTimeoutShareTheClient() {
		HttpClient first = exchange();
		at(Duration.ofMillis(999));
		assertThat(exchange()).isSameAs(first);
		at(Duration.ofMillis(1998));
		assertThat(exchange()).isSameAs(first);
		assertThat(this.made).hasSize(1);
	}

	@Test
	void anExchangeAfterTheIdleTimeoutGetsANewClient() {
		HttpClient first = exchange();
		at(Duration.ofSeconds(1));
		HttpClient second = exchange();
		assertThat(second).isNotSameAs(first);
		at(Duration.ofMillis(1500));
		assertThat(exchange()).isSameAs(second);
	}

	@Test
	void aConnectionLeftIdleBehindBusyOnesIsNotReusedPastTheTimeout() {
		// two exchanges at once leave two connections in the pool
		FreshConnections.Lease a = this.connections.begin();
		FreshConnections.Lease b = this.connections.begin();
		a.end();
		b.end();
		HttpClient first = a.client();
		// one exchange every 900 ms: the client is never idle for 1 s, but the pool hands out its oldest
		// connection first, so the second exchange would get the one idle since 0 s
		at(Duration.ofMillis(900));
		assertThat(exchange()).isSameAs(first);
		at(Duration.ofMillis(1800));
		assertThat(exchange()).isNotSameAs(first);
	}

	@Test
	void aStreamedBodyHoldsItsConnectionUntilItIsReadToTheEnd() throws IOException {
		FreshConnections.Lease lease = this.connections.begin();
		InputStream body = lease.endingWith(new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
		at(Duration.ofSeconds(5));
		assertThat(exchange()).as("the stream's connection is in use, not idle").isSameAs(lease.client());
		at(Duration.ofMillis(5500));
		assertThat(body.readAllBytes()).hasSize(3);
		at(Duration.ofMillis(5900));
		assertThat(exchange()).as("the other connection was idle since 5 s").isSameAs(lease.client());
		at(Duration.ofMillis(6600));
		assertThat(exchange()).as("the stream's connection was idle since 5.5 s").isNotSameAs(lease.client());
	}

	@Test
	void aClosedStreamEndsItsExchangeOnce() throws IOException {
		FreshConnections.Lease lease = this.connections.begin();
		InputStream body = lease.endingWith(new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
		body.close();
		body.close();
		lease.end();
		at(Duration.ofMillis(500));
		assertThat(exchange()).isSameAs(lease.client());
		at(Duration.ofMillis(1400));
		assertThat(exchange()).as("one idle connection, reused at 500 ms").isSameAs(lease.client());
	}

	private HttpClient exchange() {
		FreshConnections.Lease lease = this.connections.begin();
		lease.end();
		return lease.client();
	}

	private void at(Duration time) {
		this.now.set(time.toNanos());
	}

}
