package io.github.workerskv.kv.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What {@link KVAutoConfiguration} reaches by reflection at run time, for GraalVM native images: the
 * {@code kv-sqlite} engine, looked up by name when {@code cloudflare.kv.local.persist-path} is set.
 *
 * <p>{@link KVProperties} and its nested types are bound by Spring Boot, which registers their hints itself. A
 * wrangler file is read from the file system, not the class path, so it needs no resource hint; it must be at
 * {@code cloudflare.kv.wrangler-config} when the application starts, since the ids are read then.
 */
final class KVAutoConfigurationRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection().registerType(TypeReference.of(EmbeddedStores.SQLITE_ENGINE));
	}

}
