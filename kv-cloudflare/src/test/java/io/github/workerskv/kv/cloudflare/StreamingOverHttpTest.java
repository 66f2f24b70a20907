package io.github.workerskv.kv.cloudflare;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import io.github.workerskv.kv.GetOptions;
import io.github.workerskv.kv.KVLimits;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.ValueTooLargeException;
import io.github.workerskv.kv.ValueType;
import io.github.workerskv.kv.ValueWithMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** 25 MiB values written from and read into streams that are generated and digested on the fly. */
class StreamingOverHttpTest {

	private static final long MAX = KVLimits.MAX_VALUE_BYTES;

	@RegisterExtension
	static final EmulatedAccount account = new EmulatedAccount();

	private CloudflareKVNamespace kv;

	@BeforeEach
	void namespace() {
		this.kv = account.freshNamespace();
	}

	@Test
	void aTwentyFiveMebibyteValueStreamsBothWays() throws Exception {
		GeneratedStream source = new GeneratedStream(MAX);
		this.kv.put("big", source, PutOptions.none());
		assertThat(source.generated).isEqualTo(MAX);
		try (InputStream in = this.kv.getStream("big")) {
			assertThat(digest(in)).isEqualTo(source.digest());
		}
	}

	@Test
	void aTwentyFiveMebibyteValueWithMetadataStreamsAsMultipart() throws Exception {
		GeneratedStream source = new GeneratedStream(MAX);
		this.kv.put("big", source, PutOptions.none().withMetadata(Map.of("size", MAX)));
		ValueWithMetadata<InputStream> read = this.kv.getWithMetadata("big", ValueType.stream(), GetOptions.defaults());
		try (InputStream in = read.value()) {
			assertThat(digest(in)).isEqualTo(source.digest());
		}
		assertThat(read.metadata().get("size").asLong()).isEqualTo(MAX);
	}

	@Test
	void aStreamLongerThanTheLimitFailsAndWritesNothing() {
		assertThatExceptionOfType(ValueTooLargeException.class)
			.isThrownBy(() -> this.kv.put("too-big", new GeneratedStream(MAX + 1), PutOptions.none()));
		assertThat(this.kv.get("too-big")).isNull();
	}

	@Test
	void aStreamThatBreaksFailsWithTheStreamsError() {
		InputStream broken = new InputStream() {

			private int left = 100_000;

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				return (read(one, 0, 1) == -1) ? -1 : one[0];
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (this.left <= 0) {
					throw new IOException("disk gone");
				}
				int n = Math.min(length, this.left);
				java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
				this.left -= n;
				return n;
			}

		};
		assertThatExceptionOfType(io.github.workerskv.kv.KVStorageException.class)
			.isThrownBy(() -> this.kv.put("broken", broken, PutOptions.none()))
			.withMessageContaining("disk gone");
		assertThat(this.kv.get("broken")).isNull();
	}

	private static byte[] digest(InputStream in) throws IOException, NoSuchAlgorithmException {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		byte[] buffer = new byte[64 * 1024];
		for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
			digest.update(buffer, 0, n);
		}
		return digest.digest();
	}

	/** A deterministic stream of a given length, digested as it is read; never held in memory. */
	private static final class GeneratedStream extends InputStream {

		private final long length;

		private final MessageDigest digest;

		private long generated;

		GeneratedStream(long length) throws NoSuchAlgorithmException {
			this.length = length;
			this.digest = MessageDigest.getInstance("SHA-256");
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int count) {
			if (this.generated == this.length) {
				return -1;
			}
			int n = (int) Math.min(count, this.length - this.generated);
			for (int i = 0; i < n; i++) {
				long position = this.generated + i;
				buffer[offset + i] = (byte) (position * 31 + (position >>> 13));
			}
			this.digest.update(buffer, offset, n);
			this.generated += n;
			return n;
		}

		byte[] digest() {
			return this.digest.digest();
		}

	}

}
