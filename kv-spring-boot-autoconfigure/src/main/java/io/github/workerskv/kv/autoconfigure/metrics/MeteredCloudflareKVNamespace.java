package io.github.workerskv.kv.autoconfigure.metrics;

import java.util.List;

import io.github.workerskv.kv.cloudflare.BulkResult;
import io.github.workerskv.kv.cloudflare.BulkWrite;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;

/**
 * A {@link MeteredKVNamespace} over a REST namespace that stays a {@link CloudflareKVNamespace}, so code
 * that casts a binding to it for the bulk calls keeps working with metrics on. Adds the operations
 * {@value #BULK_PUT} and {@value #BULK_DELETE}.
 */
final class MeteredCloudflareKVNamespace extends MeteredKVNamespace implements CloudflareKVNamespace {

	static final String BULK_PUT = "bulk_put";

	static final String BULK_DELETE = "bulk_delete";

	private final CloudflareKVNamespace delegate;

	MeteredCloudflareKVNamespace(CloudflareKVNamespace delegate, KVOperationRecorder recorder) {
		super(delegate, recorder);
		this.delegate = delegate;
	}

	@Override
	public String id() {
		return this.delegate.id();
	}

	@Override
	public BulkResult bulkPut(List<BulkWrite> writes) {
		return this.recorder.record(BULK_PUT, () -> this.delegate.bulkPut(writes), KVOperationRecorder::success);
	}

	@Override
	public BulkResult bulkDelete(List<String> keys) {
		return this.recorder.record(BULK_DELETE, () -> this.delegate.bulkDelete(keys), KVOperationRecorder::success);
	}

	/** Flushes the delegate's paced writes; not timed, since it is not a KV operation of its own. */
	@Override
	public void flush() {
		this.delegate.flush();
	}

}
