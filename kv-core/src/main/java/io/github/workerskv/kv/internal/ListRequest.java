package io.github.workerskv.kv.internal;

import io.github.workerskv.kv.ListOptions;

/**
 * One page of a listing.
 *
 * @param options validated prefix, limit and cursor
 * @param trace what the layers below report back
 */
public record ListRequest(ListOptions options, CallTrace trace) {
}
