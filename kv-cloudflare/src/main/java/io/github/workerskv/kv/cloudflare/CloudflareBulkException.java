package io.github.workerskv.kv.cloudflare;

import java.io.Serial;
import java.util.List;

import io.github.workerskv.kv.BulkResult;

/**
 * Some requests of a bulk put or bulk delete failed. The other requests were still sent:
 * {@link #result()} sums what succeeded and lists, in {@link BulkResult#unsuccessfulKeys()}, every key
 * not confirmed (those of failed requests included). {@link #failures()} holds each failed request's
 * exception (also attached as suppressed exceptions); {@link #httpStatus()} and {@link #errors()} are
 * those of the first failure. A failure that is a {@link CloudflareAmbiguousWriteException} means that the
 * server may still apply that request's keys later; the keys of the others were not written, or were
 * written before the answer.
 */
public class CloudflareBulkException extends CloudflareKVException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final transient BulkResult result;

	private final List<CloudflareKVException> failures;

	CloudflareBulkException(String message, BulkResult result, List<CloudflareKVException> failures) {
		super(message, failures.get(0).httpStatus(), failures.get(0).errors(), failures.get(0).retryAfter(),
				failures.get(0));
		this.result = result;
		this.failures = List.copyOf(failures);
		for (CloudflareKVException failure : this.failures.subList(1, this.failures.size())) {
			addSuppressed(failure);
		}
	}

	/** @return what succeeded, and every key that must be written or deleted again */
	public BulkResult result() {
		return this.result;
	}

	/** @return the exception of each failed request, in the order the requests were sent */
	public List<CloudflareKVException> failures() {
		return this.failures;
	}

}
