/**
 * The OpenFeature provider over {@link io.github.workerskv.kv.flags.FeatureFlags}; needs
 * {@code dev.openfeature:sdk} on the class path.
 */
@NullMarked
package io.github.workerskv.kv.flags.openfeature;

import org.jspecify.annotations.NullMarked;
