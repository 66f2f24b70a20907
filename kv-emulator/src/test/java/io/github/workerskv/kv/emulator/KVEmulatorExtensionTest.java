package io.github.workerskv.kv.emulator;

import java.net.ConnectException;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class PerTestRegistration {

		private static KVEmulator first;

		@RegisterExtension
		final KVEmulatorExtension perTest = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("y"));

		@Test
		@Order(1)
		void startsAnEmulatorForTheTest() {
			first = this.perTest.emulator();

			assertThat(first).isNotSameAs(kv.emulator());
			assertThat(new Api(this.perTest.baseUrl(), "y", "acct").get("/user").statusCode()).isEqualTo(200);
		}

		@Test
		@Order(2)
		void stopsItAfterTheTest() {
			assertThat(this.perTest.emulator()).isNotSameAs(first);
			Assumptions.assumeTrue(first != null && first.port() != this.perTest.emulator().port());
			assertThatThrownBy(() -> new Socket("127.0.0.1", first.port()).close()).isInstanceOf(ConnectException.class);
		}

	}

}
