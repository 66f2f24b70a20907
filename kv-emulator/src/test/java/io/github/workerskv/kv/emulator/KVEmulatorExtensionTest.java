package io.github.workerskv.kv.emulator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit 5 extension registered on a static or an instance field. */
class KVEmulatorExtensionTest {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("x"));

	@Test
	void startsOneEmulatorOnAFreeLoopbackPortForTheClass(KVEmulator injected) {
		assertThat(kv.emulator()).isSameAs(injected);
		assertThat(kv.baseUrl().getHost()).isEqualTo("127.0.0.1");
		assertThat(kv.baseUrl().getPort()).isPositive();
		assertThat(new Api(kv.baseUrl(), "x", "acct").get("/user").statusCode()).isEqualTo(200);
	}

	@Nested
	class NestedClasses {

		@Test
		void shareTheOuterEmulator(KVEmulator injected) {
			assertThat(injected).isSameAs(kv.emulator());
		}

	}

	@Nested
	class PerTestRegistration {

		@RegisterExtension
		final KVEmulatorExtension perTest = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("y"));

		@Test
		void startsAnEmulatorForTheTest() {
			assertThat(this.perTest.emulator()).isNotSameAs(kv.emulator());
			assertThat(new Api(this.perTest.baseUrl(), "y", "acct").get("/user").statusCode()).isEqualTo(200);
		}

	}

}
