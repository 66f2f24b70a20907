package io.github.workerskv.kv.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Contributes a {@link KVEmulatorContextCustomizer} to the test classes annotated with
 * {@link AutoConfigureKVEmulator}, directly, through a meta-annotation, an enclosing class or a superclass.
 */
class KVEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureKVEmulator.class)
				? new KVEmulatorContextCustomizer() : null;
	}

}
