package io.github.workerskv.kv.testcontainers;

import java.time.Duration;

import io.github.workerskv.kv.InvalidOptionException;
import org.junit.jupiter.api.Test;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** {@link KVEmulatorContainer}'s options, checked when given: no Docker needed. */
class EmulatorImageOptionsTest {

	@Test
	void defaultImageIsTheTagTheBuildScriptGivesThisVersion() {
		assertThat(KVEmulatorContainer.defaultImageName().asCanonicalNameString())
			.matches("workers-kv-emulator:\\d+\\.\\d+\\.\\d+.*");
	}

	/** Only names are compared: nothing here resolves, let alone pulls, an image. */
	@Test
	void anotherImageMustBeDeclaredASubstitute() {
		assertThatIllegalStateException().isThrownBy(() -> new KVEmulatorContainer("registry.example/acme/kv:1"))
			.withMessageContaining("workers-kv-emulator");
		assertThatNoException().isThrownBy(() -> new KVEmulatorContainer(DockerImageName
			.parse("registry.example/acme/kv:1")
			.asCompatibleSubstituteFor(KVEmulatorContainer.IMAGE_NAME)));
		assertThatNoException().isThrownBy(() -> new KVEmulatorContainer("workers-kv-emulator:latest"));
	}

	@Test
	void invalidOptionsNameTheOption() {
		KVEmulatorContainer container = new KVEmulatorContainer();
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> container.withToken("two words"))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("token"))
			.withMessageNotContaining("two words");
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> container.withAccountId("a/b"))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("accountId"));
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> container.withNamespace(" "))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("binding"));
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> container.withNamespace("x".repeat(513)))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("binding"));
		assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> container.withPersistence("a:b"))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("volume"));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> container.withRequestBudget(0, Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("requestBudget"));
		assertThatExceptionOfType(InvalidOptionException.class)
			.isThrownBy(() -> container.withRequestBudget(1, Duration.ofMillis(1500)))
			.satisfies((ex) -> assertThat(ex.option()).isEqualTo("requestBudget"));
	}

	@Test
	void hasNoAddressBeforeItStarts() {
		assertThatIllegalStateException().isThrownBy(() -> new KVEmulatorContainer().getBaseUrl())
			.withMessageContaining("before it is started");
		assertThat(new KVEmulatorContainer().withToken("t0k3n").toString()).contains("(not started)")
			.doesNotContain("t0k3n");
	}

}
