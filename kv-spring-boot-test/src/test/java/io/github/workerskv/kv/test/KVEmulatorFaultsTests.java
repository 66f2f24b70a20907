package io.github.workerskv.kv.test;

import java.time.Duration;
import java.util.List;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareRateLimitException;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Faults injected in the emulator reach the application as Cloudflare's would: a 429 is a
 * {@link CloudflareRateLimitException}, counted as {@code rate_limited} and reported by the health check.
 * Retries are off here so that each fault reaches the application ({@link KVEmulatorRetryTests} has them on).
 */
@SpringBootTest(classes = { TestApplication.class, KVEmulatorFaultsTests.Metrics.class },
		properties = { "cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279",
				"cloudflare.kv.health.cache-time-to-live=0", "cloudflare.kv.retry.enabled=false" })
@AutoConfigureKVEmulator
class KVEmulatorFaultsTests {

	@Autowired
	@Qualifier("FLAGS")
	KVNamespace flags;

	@Autowired
	KVEmulator emulator;

	@Autowired
	SimpleMeterRegistry meterRegistry;

	@Autowired
	@Qualifier("kvHealthContributor")
	CompositeHealthContributor health;

	@AfterEach
	void resetFaults() {
		this.emulator.faults().reset();
	}

	@Test
	void rateLimitedWriteFailsAndIsCountedAsRateLimited() {
		this.emulator.faults().next(1, Fault.rateLimited(Duration.ofSeconds(2)));

		assertThatExceptionOfType(CloudflareRateLimitException.class).isThrownBy(() -> this.flags.put("hot", "1"))
			.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
		this.flags.put("hot", "2");

		assertThat(count("rate_limited")).isEqualTo(1);
		assertThat(count("success")).isEqualTo(1);
	}

	@Test
	void healthIsDownWhileCloudflareThrottlesAndUpAgainAfter() {
		this.emulator.faults().next(1, Fault.rateLimited(Duration.ofSeconds(2)));

		Health throttled = flagsHealth();
		assertThat(throttled.getStatus()).isEqualTo(Status.DOWN);
		assertThat(throttled.getDetails()).containsEntry("httpStatus", 429)
			.containsEntry("errorCodes", List.of(971))
			.containsEntry("retryAfter", "PT2S");
		assertThat(flagsHealth().getStatus()).isEqualTo(Status.UP);
	}

	private Health flagsHealth() {
		return ((HealthIndicator) this.health.getContributor("FLAGS")).health();
	}

	private long count(String outcome) {
		return this.meterRegistry.get("kv.operations")
			.tags("binding", "FLAGS", "operation", "put", "outcome", outcome)
			.timer()
			.count();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Metrics {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
