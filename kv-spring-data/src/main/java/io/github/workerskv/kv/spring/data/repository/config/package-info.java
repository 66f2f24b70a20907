/**
 * {@code @EnableKVRepositories} and {@code @EnableKVAuditing}: plain Spring (no Boot) configuration of KV
 * repositories. The repositories use a {@code KVNamespace} bean, chosen by
 * {@code @EnableKVRepositories(binding = …)}, else by a {@code KVRepositoryOptions} bean's binding, else the
 * only one; a {@code KVRepositoryOptions} bean, if there is one, configures the adapter.
 */
@NullMarked
package io.github.workerskv.kv.spring.data.repository.config;

import org.jspecify.annotations.NullMarked;
