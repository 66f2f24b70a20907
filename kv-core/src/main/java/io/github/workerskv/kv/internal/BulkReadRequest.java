package io.github.workerskv.kv.internal;

import java.util.List;

import io.github.workerskv.kv.GetOptions;

/**
 * A validated read of several keys, as it travels from {@code KVNamespace} to a store.
 *
 * @param keys 1..100 valid, distinct keys, in request order
 * @param options the caller's read options
 * @param withMetadata whether metadata and expirations are needed
 * @param trace what the layers below report back
 */
public record BulkReadRequest(List<String> keys, GetOptions options, boolean withMetadata, CallTrace trace) {

	public BulkReadRequest {
		keys = List.copyOf(keys);
	}

}
