/**
 * A runnable Spring Boot app that reproduces the Workers KV Quick Start on the embedded store.
 */
@NullMarked
package io.github.workerskv.sample;

import org.jspecify.annotations.NullMarked;
