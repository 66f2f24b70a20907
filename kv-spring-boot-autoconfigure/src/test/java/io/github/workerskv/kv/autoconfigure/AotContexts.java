package io.github.workerskv.kv.autoconfigure;

import java.util.function.Consumer;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * Spring AOT as {@code process-aot} does it, in a test: processes a context prepared by an
 * {@link ApplicationContextRunner}, compiles the generated code, and starts a fresh context from it alone, with
 * the run-time properties given. The test class must carry
 * {@link org.springframework.core.test.tools.CompileWithForkedClassLoader @CompileWithForkedClassLoader}: the
 * generated code calls package-private factory methods. Public for the tests of the other auto-configuration
 * packages.
 */
public final class AotContexts {

	private AotContexts() {
	}

	/**
	 * Generates the context's code and the runtime hints.
	 * @param runner the runner with the build's configuration and properties
	 * @param hints receives the hints contributed while processing
	 */
	public static void processHints(ApplicationContextRunner runner, Consumer<RuntimeHints> hints) {
		runner.prepare((prepared) -> {
			TestGenerationContext generation = new TestGenerationContext();
			new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) prepared.getSourceApplicationContext(), generation);
			hints.accept(generation.getRuntimeHints());
		});
	}

	/**
	 * Runs the context from generated code, as an application does with {@code -Dspring.aot.enabled=true}.
	 * @param runner the runner with the build's configuration and properties
	 * @param runtimeProperties {@code name=value} pairs the run sees in place of the build's
	 * @param action what to check on the refreshed context, which is closed afterwards
	 */
	public static void run(ApplicationContextRunner runner, String[] runtimeProperties,
			Consumer<GenericApplicationContext> action) {
		runner.prepare((prepared) -> {
			TestGenerationContext generation = new TestGenerationContext();
			ClassName initializerName = new ApplicationContextAotGenerator()
				.processAheadOfTime((GenericApplicationContext) prepared.getSourceApplicationContext(), generation);
			generation.writeGeneratedContent();
			TestCompiler.forSystem().with(generation).compile((compiled) -> {
				try (GenericApplicationContext fresh = new GenericApplicationContext()) {
					TestPropertyValues.of(runtimeProperties).applyTo(fresh);
					@SuppressWarnings("unchecked")
					ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
						.getInstance(ApplicationContextInitializer.class, initializerName.toString());
					initializer.initialize(fresh);
					fresh.refresh();
					action.accept(fresh);
				}
			});
		});
	}

}
