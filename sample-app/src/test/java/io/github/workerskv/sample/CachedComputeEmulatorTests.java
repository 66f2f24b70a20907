package io.github.workerskv.sample;

import io.github.workerskv.kv.test.AutoConfigureKVEmulator;
import io.github.workerskv.kv.test.KVEmulatorNamespaces;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cached computation against the KV emulator, over Cloudflare's REST API on loopback: {@code @Cacheable}
 * stores its result through HTTP, and a later call is answered from the cache.
 */
// Remote mode against the emulator, where the sample (without Spring Security) may not serve its console.
@SpringBootTest(properties = { "sample.compute.delay=0s", "cloudflare.kv.cache.default.near-cache.enabled=false",
		"cloudflare.kv.console.enabled=false" })
@AutoConfigureKVEmulator
class CachedComputeEmulatorTests {

	@Autowired
	private ComputeService service;

	@Autowired
	private KVEmulatorNamespaces emulated;

	@Test
	void theSecondCallIsServedFromKVOverHttp() {
		long before = this.service.computations();

		ComputeService.Square first = this.service.square(12);
		ComputeService.Square second = this.service.square(12);

		assertThat(second).isEqualTo(first);
		assertThat(this.service.computations() - before).isEqualTo(1);
		assertThat(this.emulated.backing("MY_NAMESPACE").get("cache:squares::v1::12")).startsWith("kvc1 v ")
			.contains("\"square\":144");
	}

	@Test
	void anEntryRemovedFromKVIsComputedAgain() {
		this.service.square(5);
		this.emulated.backing("MY_NAMESPACE").delete("cache:squares::v1::5");
		long before = this.service.computations();

		this.service.square(5);

		assertThat(this.service.computations() - before).isEqualTo(1);
	}

}
