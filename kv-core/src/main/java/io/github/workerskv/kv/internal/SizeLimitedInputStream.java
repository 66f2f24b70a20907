package io.github.workerskv.kv.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.ValueTooLargeException;

/**
 * Passes a stream through and throws {@code ValueTooLargeException} as soon as more than
 * {@link KVLimits#MAX_VALUE_BYTES} bytes have been read. The rest of the stream is not read, so the
 * message gives the length read so far ("at least").
 */
final class SizeLimitedInputStream extends FilterInputStream {

	private long count;

	SizeLimitedInputStream(InputStream in) {
		super(in);
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			advance(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			advance(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		advance(skipped);
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	private void advance(long n) {
		this.count += n;
		if (this.count > KVLimits.MAX_VALUE_BYTES) {
			throw new ValueTooLargeException(413, "Value length of at least " + this.count + " exceeds limit of "
					+ KVLimits.MAX_VALUE_BYTES + ".");
		}
	}

}
