package io.github.workerskv.kv.cloudflare;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.github.workerskv.kv.KVException;
import io.github.workerskv.kv.KVStorageException;
import org.jspecify.annotations.Nullable;

/**
 * A caller's value stream as the HTTP client reads it: remembers the first failure of the stream itself
 * (too long, or an {@link IOException}), which the HTTP client would otherwise report as a broken
 * connection, and leaves closing to the caller, who owns the stream.
 */
final class TrackingInputStream extends FilterInputStream {

	private volatile @Nullable KVException failure;

	TrackingInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		try {
			return super.read();
		}
		catch (IOException ex) {
			remember(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			remember(ex);
			throw ex;
		}
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		try {
			return super.read(buffer, offset, length);
		}
		catch (IOException ex) {
			remember(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			remember(ex);
			throw ex;
		}
	}

	@Override
	public void close() {
		// the caller owns the stream
	}

	/** Throws the stream's own failure, if it had one. */
	void rethrowFailure() {
		KVException recorded = this.failure;
		if (recorded != null) {
			throw recorded;
		}
	}

	private void remember(Exception ex) {
		if (this.failure == null) {
			this.failure = (ex instanceof KVException kvException) ? kvException
					: new KVStorageException("Could not read the value to write: " + ex.getMessage(), ex);
		}
	}

}
