/**
 * Spring Boot auto-configuration of Spring Data repositories on Workers KV (the optional
 * {@code kv-spring-data} module): repositories for the application's packages, {@code cloudflare.kv.repositories.*}
 * properties, and the failure analysis of a binding the repositories cannot use. See
 * {@link io.github.workerskv.kv.autoconfigure.data.KVRepositoriesAutoConfiguration}.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.data;

import org.jspecify.annotations.NullMarked;
