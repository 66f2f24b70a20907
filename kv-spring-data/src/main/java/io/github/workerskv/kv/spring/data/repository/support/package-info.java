/**
 * The repository implementation of KV repositories: the base class, Query by Example, and the factory
 * that puts them together.
 */
@NullMarked
package io.github.workerskv.kv.spring.data.repository.support;

import org.jspecify.annotations.NullMarked;
