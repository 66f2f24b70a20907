package io.github.workerskv.kv.sqlite;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.PutOptions;
import io.github.workerskv.kv.local.LocalKVStore;

/**
 * The process that {@link SqliteCrashTest} kills while {@code threads} writers put at once, so that their
 * writes are group-committed: writer {@code t} puts {@link #key(int, long)} with
 * {@link SqliteCrashChild#value(long)} for n = 0, 1, ... (even writers as bytes, odd ones as a stream)
 * and prints {@code ok t n} once the put returned.
 */
public final class SqliteConcurrentCrashChild {

	private SqliteConcurrentCrashChild() {
	}

	public static void main(String[] args) {
		Path file = Path.of(args[0]);
		int threads = Integer.parseInt(args[1]);
		LocalKVStore store = LocalKVStore.open(file);
		KVNamespace ns = store.namespace(SqliteCrashChild.NAMESPACE);
		for (int t = 0; t < threads; t++) {
			int writer = t;
			new Thread(() -> {
				for (long n = 0;; n++) {
					if (writer % 2 == 0) {
						ns.put(key(writer, n), SqliteCrashChild.value(n));
					}
					else {
						// a stream that ends within its first chunk is group-committed too
						ns.put(key(writer, n), new ByteArrayInputStream(SqliteCrashChild.value(n)), PutOptions.none());
					}
					byte[] ack = ("ok " + writer + " " + n + "\n").getBytes(StandardCharsets.US_ASCII);
					synchronized (System.out) {
						System.out.write(ack, 0, ack.length);
						System.out.flush();
					}
				}
			}, "writer-" + t).start();
		}
	}

	static String key(int writer, long n) {
		return String.format("w%02d-%08d", writer, n);
	}

}
