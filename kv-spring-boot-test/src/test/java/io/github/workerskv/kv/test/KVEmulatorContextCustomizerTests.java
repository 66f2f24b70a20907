package io.github.workerskv.kv.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.workerskv.kv.autoconfigure.KVNamespaces;
import io.github.workerskv.kv.emulator.KVEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

/** {@link KVEmulatorContextCustomizer} and its factory, on applications started by hand. */
class KVEmulatorContextCustomizerTests {

	private final KVEmulatorContextCustomizerFactory factory = new KVEmulatorContextCustomizerFactory();

	@Test
	void factoryContributesOnlyToAnnotatedTestClasses() {
		assertThat(this.factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of()))
			.isInstanceOf(KVEmulatorContextCustomizer.class);
	}

	@Test
	void customizersAreEqualSoAnnotatedTestClassesCanShareACachedContext() {
		ContextCustomizer one = this.factory.createContextCustomizer(Annotated.class, List.of());
		ContextCustomizer other = this.factory.createContextCustomizer(AlsoAnnotated.class, List.of());

		assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
	}

	@Test
	void emulatorStopsWhenTheContextCloses() {
		int port;
		try (ConfigurableApplicationContext context = start("cloudflare.kv.namespaces.FLAGS.id=anything")) {
			port = context.getBean(KVEmulator.class).port();
			assertThat(listening(port)).isTrue();
		}
		assertThat(listening(port)).isFalse();
	}

	@Test
	void bindingsOfTheWranglerFileGetNamespacesToo(@TempDir Path dir) throws IOException {
		Path wrangler = Files.writeString(dir.resolve("wrangler.jsonc"), """
				{
					// the Worker's bindings
					"kv_namespaces": [ { "binding": "FROM_FILE", "id": "0f2ac74b498b48028cb68387c421e279" } ],
				}
				""");
		try (ConfigurableApplicationContext context = start("cloudflare.kv.wrangler-config=" + wrangler,
				"cloudflare.kv.namespaces.FROM_PROPERTIES.id=06779da6940b431db6e566b4846d64db")) {
			KVEmulatorNamespaces emulated = context.getBean(KVEmulatorNamespaces.class);
			assertThat(emulated.bindings()).containsExactly("FROM_FILE", "FROM_PROPERTIES");

			context.getBean(KVNamespaces.class).get("FROM_FILE").put("k", "v");
			assertThat(emulated.backing("FROM_FILE").get("k")).isEqualTo("v");
		}
	}

	@Test
	void applicationWithoutBindingsStillGetsAnEmulator() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(KVEmulatorNamespaces.class).bindings()).isEmpty();
			assertThat(context.getBean(KVNamespaces.class).names()).isEmpty();
			assertThat(context.getBean(KVEmulator.class).baseUrl()).hasHost("127.0.0.1");
		}
	}

	@Test
	void unknownBindingIsRejectedNamingTheCreatedOnes() {
		try (ConfigurableApplicationContext context = start("cloudflare.kv.namespaces.FLAGS.id=anything")) {
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(KVEmulatorNamespaces.class).id("CACHE"))
				.withMessageContaining("(bindings: FLAGS)");
		}
	}

	@Test
	void startupFailureStopsTheEmulatorItStarted(@TempDir Path dir) throws IOException {
		Path broken = Files.writeString(dir.resolve("wrangler.json"), "{ \"kv_namespaces\": 42 }");
		AtomicReference<KVEmulator> started = new AtomicReference<>();
		SpringApplicationBuilder application = builder("cloudflare.kv.wrangler-config=" + broken)
			.initializers((context) -> started.set((KVEmulator) context.getBeanFactory()
				.getSingleton(KVEmulatorContextCustomizer.EMULATOR_BEAN_NAME)));

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run)
			.withStackTraceContaining("kv_namespaces is a number");
		assertThat(started.get()).isNotNull();
		assertThat(listening(started.get().port())).isFalse();
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return builder(properties).run();
	}

	private static SpringApplicationBuilder builder(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.initializers((context) -> new KVEmulatorContextCustomizer().customizeContext(context,
					mock(MergedContextConfiguration.class)));
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return socket.isConnected();
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AutoConfigureKVEmulator
	static class Annotated {

	}

	@AutoConfigureKVEmulator
	static class AlsoAnnotated {

	}

	static class NotAnnotated {

	}

}
