package io.github.workerskv.kv.emulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @ExtendWith(KVEmulatorExtension.class)} injects one open, in-memory emulator per class. */
@ExtendWith(KVEmulatorExtension.class)
class KVEmulatorExtendWithTest {

	private static KVEmulator fromBeforeAll;

	private final KVEmulator fromConstructor;

	KVEmulatorExtendWithTest(KVEmulator fromConstructor) {
		this.fromConstructor = fromConstructor;
	}

	@BeforeAll
	static void remember(KVEmulator emulator) {
		fromBeforeAll = emulator;
	}

	@Test
	void injectsTheSameEmulatorEverywhere(KVEmulator injected) {
		assertThat(injected).isSameAs(this.fromConstructor).isSameAs(fromBeforeAll);
	}

	@Test
	void injectsAnEmulatorWithOpenAuthentication(KVEmulator injected) {
		assertThat(new Api(injected.baseUrl(), null, "any").get("/user").statusCode()).isEqualTo(200);
	}

}
