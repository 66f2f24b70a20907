package io.github.workerskv.kv.autoconfigure.wrangler;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What {@link WranglerConfig} reaches by reflection, for GraalVM native images: Jackson's TOML mapper, looked up
 * by name before a {@code wrangler.toml} is read. Files are read as JSON or TOML trees, never bound to classes,
 * and from the file system, so they need no other hint. Registered in {@code META-INF/spring/aot.factories}.
 */
final class WranglerConfigRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(TypeReference.of(WranglerConfig.TOML_MAPPER));
	}

}
