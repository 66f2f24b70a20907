package io.github.workerskv.kv.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A value as a store returns it: either its bytes or an open stream over them, plus its metadata
 * JSON and expiration when the store was asked for them.
 *
 * @param bytes the value's bytes, or {@code null} when {@code stream} is set
 * @param stream an open stream over the value, or {@code null} when {@code bytes} is set
 * @param metadataJson the metadata as JSON text, or {@code null} if there is none
 * @param expiration the expiration in epoch seconds, or {@code null}
 */
public record StoredValue(byte @Nullable [] bytes, @Nullable InputStream stream, @Nullable String metadataJson,
		@Nullable Long expiration) {

	public StoredValue {
		if ((bytes == null) == (stream == null)) {
			throw new IllegalArgumentException("Exactly one of bytes and stream must be given");
		}
	}

	public static StoredValue ofBytes(byte[] bytes, @Nullable String metadataJson, @Nullable Long expiration) {
		return new StoredValue(bytes, null, metadataJson, expiration);
	}

	public static StoredValue ofStream(InputStream stream, @Nullable String metadataJson, @Nullable Long expiration) {
		return new StoredValue(null, stream, metadataJson, expiration);
	}

	/** @return the bytes, reading and closing the stream if the value came as one */
	public byte[] readAllBytes() {
		if (this.bytes != null) {
			return this.bytes;
		}
		try (InputStream in = Objects.requireNonNull(this.stream)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return a stream over the value */
	public InputStream openStream() {
		return (this.stream != null) ? this.stream : new ByteArrayInputStream(this.bytes);
	}

}
