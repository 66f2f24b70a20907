package io.github.workerskv.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.spring.cache.KVCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /compute/{n}} over real HTTP on loopback, on the embedded store: the second call is answered from
 * the KV cache, with the per-cache time to live from {@code application.yml}. Computations are counted, not timed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.compute.delay=0s")
class CachedComputeHttpTests {

	private static final String MY_NAMESPACE_ID = "06779da6940b431db6e566b4846d64db";

	@LocalServerPort
	private int port;

	private QuickStartHttp http;

	@Autowired
	private ComputeService service;

	@Autowired
	private CacheManager cacheManager;

	@Autowired
	private LocalKVStore store;

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	@Test
	void theSecondCallIsServedFromTheCache() throws Exception {
		long before = this.service.computations();

		HttpResponse<String> first = this.http.get("/compute/12");
		HttpResponse<String> second = this.http.get("/compute/12");

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).startsWith("{\"n\":12,\"square\":144,\"computedAt\":");
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.service.computations() - before).isEqualTo(1);
	}

	@Test
	void theResultIsStoredInTheConfiguredNamespaceUnderTheCachePrefix() throws Exception {
		this.http.get("/compute/7");

		assertThat(this.store.namespace(MY_NAMESPACE_ID).get("cache:squares::v1::7"))
			.startsWith("kvc1 v ")
			.contains("\"n\":7")
			.contains("\"square\":49");
	}

	@Test
	void eachCacheHasTheTimeToLiveOfApplicationYml() {
		assertThat(ttl("squares")).isEqualTo(Duration.ofSeconds(30));
		assertThat(ttl("anything-else")).isEqualTo(Duration.ofMinutes(10));
	}

	private Duration ttl(String cacheName) {
		KVCache cache = (KVCache) this.cacheManager.getCache(cacheName);
		return cache.getConfiguration().ttlFunction().getTimeToLive("key", null);
	}

}
