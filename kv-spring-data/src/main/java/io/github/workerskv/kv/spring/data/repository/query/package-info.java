/**
 * Derived queries of KV repositories: method names become {@link io.github.workerskv.kv.spring.data.KVCriteria},
 * and pages, slices, windows and deletes run through the KV adapter.
 */
@NullMarked
package io.github.workerskv.kv.spring.data.repository.query;

import org.jspecify.annotations.NullMarked;
