/**
 * Keeps Workers KV credentials out of the actuator's {@code env} and {@code configprops} endpoints.
 */
@NullMarked
package io.github.workerskv.kv.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
