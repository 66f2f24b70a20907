package io.github.workerskv.sample;

import java.time.Duration;

import io.github.workerskv.kv.KVNamespace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The configuration the sample imports from KV: {@code GET /greeting} answers the seeded key, and a change of the
 * key (written where a Worker would write it) reaches the endpoint through the refresh, without a restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cloudflare.kv.config.refresh-interval=200ms")
class GreetingFromKVHttpTests {

	@LocalServerPort
	private int port;

	@Autowired
	private KVNamespace namespace;

	@Autowired
	private Environment environment;

	@Test
	void theGreetingAndTheComputeDelayComeFromKVAndTheGreetingFollowsItsKey() throws Exception {
		QuickStartHttp http = new QuickStartHttp(this.port);
		assertThat(http.get("/greeting").body()).isEqualTo("{\"greeting\":\"Hello from configuration in KV!\"}");
		assertThat(this.environment.getProperty("sample.compute.delay")).isEqualTo("500ms");

		this.namespace.put("config/sample/greeting", "Changed in KV");
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> http.get("/greeting").body(), "{\"greeting\":\"Changed in KV\"}"::equals);
		this.namespace.put("config/sample/greeting", "Hello from configuration in KV!");
	}

}
