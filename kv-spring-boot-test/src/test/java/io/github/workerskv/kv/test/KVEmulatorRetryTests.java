package io.github.workerskv.kv.test;

import java.time.Duration;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.cloudflare.CloudflareRetryExhaustedException;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With the starter's defaults, a 429 from the emulator is retried after its {@code Retry-After} and the
 * call succeeds; the 429 and the retry are counted. {@code Retry-After} is capped at 10 ms
 * ({@code cloudflare.kv.retry.max-retry-after}) so that the test does not wait the emulator's whole second.
 */
@SpringBootTest(classes = { TestApplication.class, KVEmulatorRetryTests.Metrics.class },
		properties = { "cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279",
				"cloudflare.kv.retry.max-retry-after=10ms", "cloudflare.kv.retry.max-attempts=3" })
@AutoConfigureKVEmulator
class KVEmulatorRetryTests {

	@Autowired
	@Qualifier("FLAGS")
	KVNamespace flags;

	@Autowired
	KVEmulator emulator;

	@Autowired
	SimpleMeterRegistry meterRegistry;

	@AfterEach
	void resetFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void aRateLimitedWriteIsRetriedAndSucceeds() {
		this.emulator.faults().next(1, Fault.rateLimited(Duration.ofSeconds(1)));

		this.flags.put("hot", "1");

		assertThat(this.flags.get("hot")).isEqualTo("1");
		assertThat(count("kv.rate_limited")).isEqualTo(1);
		assertThat(this.meterRegistry.get("kv.retries").tags("binding", "FLAGS", "operation", "put", "cause",
				"rate_limited").counter().count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("kv.operations").tags("binding", "FLAGS", "operation", "put", "outcome",
				"success").timer().count()).isEqualTo(1);
	}

	@Test
	void aWriteThatStaysRateLimitedFailsAfterItsAttemptsAndCountsAsRateLimited() {
		this.emulator.faults().next(3, Fault.rateLimited(Duration.ofSeconds(1)));

		assertThatExceptionOfType(CloudflareRetryExhaustedException.class).isThrownBy(() -> this.flags.put("hot", "2"))
			.satisfies((ex) -> {
				assertThat(ex.attempts()).isEqualTo(3);
				assertThat(ex.lastFailure()).isInstanceOf(CloudflareRateLimitException.class);
			});
		assertThat(this.meterRegistry.get("kv.operations").tags("binding", "FLAGS", "operation", "put", "outcome",
				"rate_limited").timer().count()).isEqualTo(1);
		assertThat(count("kv.retries.exhausted")).isEqualTo(1);
	}

	private double count(String name) {
		return this.meterRegistry.get(name).tags("binding", "FLAGS", "operation", "put").counter().count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
