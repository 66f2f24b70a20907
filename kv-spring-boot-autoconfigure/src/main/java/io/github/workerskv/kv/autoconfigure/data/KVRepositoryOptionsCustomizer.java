package io.github.workerskv.kv.autoconfigure.data;

import io.github.workerskv.kv.spring.data.KVRepositoryOptions;

/**
 * Adjusts the {@link KVRepositoryOptions} that {@link KVRepositoriesAutoConfiguration} builds from
 * {@code cloudflare.kv.repositories.*}: a JSON mapper or a clock of the application's, say. Customizers run in
 * their {@link org.springframework.core.Ordered order}, after the properties are applied; each returns the
 * options to pass on (the options are immutable).
 */
@FunctionalInterface
public interface KVRepositoryOptionsCustomizer {

	/**
	 * @param options the options so far
	 * @return the options with this customizer's changes, for example {@code options.withClock(clock)}
	 */
	KVRepositoryOptions customize(KVRepositoryOptions options);

}
