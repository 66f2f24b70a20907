/**
 * A runnable Spring Boot app that reproduces the Workers KV Quick Start on the embedded store or, in the
 * {@code remote} profile, on Cloudflare.
 */
@NullMarked
package io.github.workerskv.sample;

import org.jspecify.annotations.NullMarked;
