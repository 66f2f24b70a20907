package io.github.workerskv.kv.test;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.autoconfigure.KVConnectionDetails;
import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.emulator.KVEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code @SpringBootTest} with two bindings, run against the emulator through {@link AutoConfigureKVEmulator}. */
@SpringBootTest(classes = TestApplication.class,
		properties = { "cloudflare.kv.namespaces.FLAGS.id=0f2ac74b498b48028cb68387c421e279",
				"cloudflare.kv.namespaces.CACHE.id=06779da6940b431db6e566b4846d64db" })
@AutoConfigureKVEmulator
class AutoConfigureKVEmulatorTests {

	@Autowired
	@Qualifier("FLAGS")
	KVNamespace flags;

	@Autowired
	KVNamespaces namespaces;

	@Autowired
	KVEmulator emulator;

	@Autowired
	KVEmulatorNamespaces emulated;

	@Autowired
	KVConnectionDetails connectionDetails;

	@Autowired
	Environment environment;

	@Autowired
	@Qualifier("kvHealthContributor")
	CompositeHealthContributor health;

	@Test
	void writeThroughTheInjectedNamespaceLandsInTheEmulatorsStore() {
		this.flags.put("greeting", "hello");

		assertThat(this.emulator.store().namespace(this.emulated.id("FLAGS")).get("greeting")).isEqualTo("hello");
		assertThat(this.emulated.backing("CACHE").get("greeting")).isNull();
	}

	@Test
	void valueArrangedInTheEmulatorIsReadOverHttp() {
		this.emulated.backing("CACHE").put("arranged", "by the test");

		assertThat(this.namespaces.get("CACHE").get("arranged")).isEqualTo("by the test");
	}

	@Test
	void bindingsAreRestNamespacesOnTheIdsTheEmulatorGaveThem() {
		assertThat(this.emulated.bindings()).containsExactlyInAnyOrder("FLAGS", "CACHE");
		assertThat(this.flags).isInstanceOf(CloudflareKVNamespace.class);
		assertThat(((CloudflareKVNamespace) this.flags).id()).isEqualTo(this.emulated.id("FLAGS"))
			.matches("[0-9a-f]{32}")
			.isNotEqualTo("0f2ac74b498b48028cb68387c421e279");
	}

	@Test
	void connectionDetailsPointAtTheEmulatorAndNoCredentialIsInTheEnvironment() {
		assertThat(this.connectionDetails.getBaseUrl()).isEqualTo(this.emulator.baseUrl().toString())
			.startsWith("http://127.0.0.1:");
		assertThat(this.connectionDetails.toString()).doesNotContain("kv-emulator-");
		assertThat(this.environment.getProperty("cloudflare.kv.mode")).isEqualTo("remote");
		assertThat(this.environment.getProperty("cloudflare.kv.api-token")).isNull();
	}

	@Test
	void everyBindingIsHealthyInRemoteMode() {
		assertThat(this.health.stream()).hasSize(2).allSatisfy((entry) -> {
			HealthIndicator indicator = (HealthIndicator) entry.contributor();
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health().getDetails()).containsEntry("mode", "remote")
				.containsEntry("namespaceId", this.emulated.id(entry.name()));
		});
	}

}
