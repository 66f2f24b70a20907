package io.github.workerskv.kv.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import io.github.workerskv.kv.KVStorageException;
import org.jspecify.annotations.Nullable;

/**
 * A value to write: either bytes whose length has been checked, or a stream that fails with
 * {@code ValueTooLargeException} once it passes 25 MiB.
 *
 * @param bytes the value, or {@code null} when {@code stream} is set
 * @param stream a size-limited stream, or {@code null} when {@code bytes} is set
 */
public record ValueSource(byte @Nullable [] bytes, @Nullable InputStream stream) {

	public static ValueSource of(byte[] bytes) {
		return new ValueSource(bytes, null);
	}

	public static ValueSource of(InputStream stream) {
		return new ValueSource(null, new SizeLimitedInputStream(stream));
	}

	/** @return the bytes, reading the stream to the end if the value is one */
	public byte[] readAllBytes() {
		if (this.bytes != null) {
			return this.bytes;
		}
		try {
			return Objects.requireNonNull(this.stream).readAllBytes();
		}
		catch (IOException ex) {
			throw new KVStorageException("Could not read the value to write: " + ex.getMessage(), ex);
		}
	}

	/** @return the length in bytes if known before reading, otherwise -1 */
	public long knownLength() {
		return (this.bytes != null) ? this.bytes.length : -1;
	}

}
