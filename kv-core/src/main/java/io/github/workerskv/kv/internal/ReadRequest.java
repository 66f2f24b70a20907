package io.github.workerskv.kv.internal;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVOperation;
import io.github.workerskv.kv.ValueType;

/**
 * A validated read of one key, as it travels from {@code KVNamespace} to a store.
 *
 * @param key a valid key
 * @param type how the caller will read the value (a store may pick its endpoint by it)
 * @param options the caller's read options
 * @param withMetadata whether metadata and expiration are needed
 * @param trace what the layers below report back
 */
public record ReadRequest(String key, ValueType<?> type, GetOptions options, boolean withMetadata, CallTrace trace) {

	/** @return whether the value is read as text or JSON (not as bytes or a stream) */
	public boolean textual() {
		return this.type.kind() == ValueType.Kind.TEXT || this.type.kind() == ValueType.Kind.JSON;
	}

	/** @return whether the caller wants a stream (a hint; bytes are always acceptable) */
	public boolean preferStream() {
		return this.type.kind() == ValueType.Kind.STREAM;
	}

	/** @return {@link KVOperation#GET_WITH_METADATA} or {@link KVOperation#GET} */
	public KVOperation operation() {
		return this.withMetadata ? KVOperation.GET_WITH_METADATA : KVOperation.GET;
	}

}
