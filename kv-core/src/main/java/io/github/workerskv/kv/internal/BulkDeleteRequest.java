package io.github.workerskv.kv.internal;

import java.util.List;

import io.github.workerskv.kv.BulkOptions;

/**
 * A validated bulk delete.
 *
 * @param keys valid keys, in order
 * @param options the caller's progress callback
 * @param trace what the layers below report back
 */
public record BulkDeleteRequest(List<String> keys, BulkOptions options, CallTrace trace) {

	public BulkDeleteRequest {
		keys = List.copyOf(keys);
	}

}
