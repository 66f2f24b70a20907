package io.github.workerskv.kv.internal;

/**
 * A validated delete of one key.
 *
 * @param key a valid key; a missing key is not an error
 * @param trace what the layers below report back
 */
public record DeleteRequest(String key, CallTrace trace) {
}
