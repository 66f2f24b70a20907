package io.github.workerskv.kv.cloudflare;

import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * A successful answer of the API: its envelope, or the open body of a value read, or "key not found" where
 * the request allowed it.
 *
 * @param status the HTTP status
 * @param envelope the envelope of a JSON answer, or {@code null}
 * @param body the open body of a streamed answer, which the receiver closes, or {@code null}
 * @param expiration the {@code expiration} header of a value read, in epoch seconds, or {@code null}
 */
record ApiResponse(int status, @Nullable Envelope envelope, @Nullable InputStream body, @Nullable Long expiration) {

	/**
	 * @param status the status
	 * @return "key not found"
	 */
	static ApiResponse missing(int status) {
		return new ApiResponse(status, null, null, null);
	}

	/** @return whether the key was not found */
	boolean isMissing() {
		return this.envelope == null && this.body == null;
	}

	/** @return the envelope; this must be a JSON answer */
	Envelope requireEnvelope() {
		if (this.envelope == null) {
			throw new IllegalStateException("The response has no envelope");
		}
		return this.envelope;
	}

}
