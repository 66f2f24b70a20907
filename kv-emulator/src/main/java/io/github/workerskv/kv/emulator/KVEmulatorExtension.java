package io.github.workerskv.kv.emulator;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

/**
 * A JUnit 5 extension that runs a {@link KVEmulator} on a free port of 127.0.0.1 for a test class
 * (or for each test, when registered on an instance field) and stops it afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static KVEmulatorExtension kv = KVEmulatorExtension.create(KVEmulatorOptions.defaults().withToken("t"));
 *
 * @Test
 * void works() {
 *     URI base = kv.baseUrl();
 * }
 * }</pre>
 *
 * or {@code @ExtendWith(KVEmulatorExtension.class)} with a {@link KVEmulator} parameter in a test,
 * a lifecycle method or the constructor (default options: open authentication, in memory).
 *
 * <p>One emulator serves a whole class, including its {@code @Nested} classes, so state carries
 * from test to test: use fresh namespaces, or clear state in {@code @BeforeEach}. The emulator is
 * closed when the extension context that started it closes. JUnit Jupiter is an optional dependency
 * of this module: add {@code junit-jupiter} to the tests that use this class.
 */
public final class KVEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(KVEmulatorExtension.class);

	private final KVEmulatorOptions options;

	private volatile @Nullable KVEmulator current;

	/** An extension with {@link KVEmulatorOptions#defaults()} (for {@code @ExtendWith}). */
	public KVEmulatorExtension() {
		this(KVEmulatorOptions.defaults());
	}

	private KVEmulatorExtension(KVEmulatorOptions options) {
		this.options = Objects.requireNonNull(options, "options must not be null");
	}

	/**
	 * @param options how to start the emulator; a port other than 0 is used as given
	 * @return an extension for {@code @RegisterExtension}
	 */
	public static KVEmulatorExtension create(KVEmulatorOptions options) {
		return new KVEmulatorExtension(options);
	}

	/**
	 * @return the running emulator
	 * @throws IllegalStateException outside a test of the class that registered the extension
	 */
	public KVEmulator emulator() {
		KVEmulator emulator = this.current;
		if (emulator == null) {
			throw new IllegalStateException("The KV emulator is not running: use it inside a test of the class "
					+ "that registers this extension");
		}
		return emulator;
	}

	/** @return the base URL of the running emulator, {@code http://127.0.0.1:PORT/client/v4} */
	public URI baseUrl() {
		return emulator().baseUrl();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		emulator(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		emulator(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == KVEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator(extensionContext);
	}

	private KVEmulator emulator(ExtensionContext context) {
		for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
			Running running = c.get().getStore(NAMESPACE).get(this, Running.class);
			if (running != null) {
				return running.emulator();
			}
		}
		KVEmulator emulator = KVEmulator.start(this.options);
		this.current = emulator;
		context.getStore(NAMESPACE).put(this, new Running(emulator, this));
		return emulator;
	}

	void stopped(KVEmulator emulator) {
		if (this.current == emulator) {
			this.current = null;
		}
	}

	/**
	 * An emulator in a JUnit store; JUnit closes it when the store's context ends.
	 * @param emulator the emulator
	 * @param owner the extension that started it
	 */
	private record Running(KVEmulator emulator, KVEmulatorExtension owner) implements AutoCloseable {

		@Override
		public void close() {
			this.owner.stopped(this.emulator);
			this.emulator.close();
		}

	}

}
