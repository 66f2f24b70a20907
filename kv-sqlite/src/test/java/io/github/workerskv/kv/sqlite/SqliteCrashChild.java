package io.github.workerskv.kv.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.local.LocalKVStore;

/**
 * The process that {@link SqliteCrashTest} kills: opens the file store and, for n = start, start + 1, ...,
 * puts {@link #key(long)} with {@link #value(long)}, then {@code hot} with n, and prints {@code ok n}
 * once both puts have returned. It never stops by itself.
 */
public final class SqliteCrashChild {

	static final String NAMESPACE = "crash";

	static final String HOT_KEY = "hot";

	private SqliteCrashChild() {
	}

	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		long start = Long.parseLong(args[1]);
		LocalKVStore store = LocalKVStore.open(file);
		KVNamespace ns = store.namespace(NAMESPACE);
		for (long n = start;; n++) {
			ns.put(key(n), value(n), PutOptions.none().withMetadata(Map.of("n", n)));
			ns.put(HOT_KEY, Long.toString(n));
			// One write of a whole line, so that a kill never leaves half an acknowledgement in the pipe.
			System.out.write(("ok " + n + "\n").getBytes(StandardCharsets.US_ASCII));
			System.out.flush();
		}
	}

	static String key(long n) {
		return String.format("key-%08d", n);
	}

	/** Mostly small values; every 25th spans two chunks, so that kills also hit multi-chunk writes. */
	static byte[] value(long n) {
		int length = (n % 25 == 24) ? SqliteEngine.CHUNK_BYTES + 4096 + (int) n : 100 + (int) (n % 13) * 517;
		byte[] value = new byte[length];
		for (int i = 0; i < length; i++) {
			value[i] = (byte) (n * 131 + i * 7 + (i >>> 10));
		}
		return value;
	}

}
