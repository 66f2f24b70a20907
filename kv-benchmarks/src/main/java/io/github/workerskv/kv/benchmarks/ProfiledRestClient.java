package io.github.workerskv.kv.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.HttpClientType;

/**
 * The REST client alone, for the profiler: {@code --callers} callers repeat {@code KVNamespace.get} and then
 * {@code put} of a 1 KiB value against the emulator in its own JVM, {@code --seconds} each, so that a JFR
 * recording of this JVM ({@code run-all.sh} starts it with {@code -XX:StartFlightRecording}) holds only the
 * client's work. Prints what it measured; writes no figure.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=rest.jfr,settings=profile \
 *     -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.ProfiledRestClient \
 *     [--seconds 5] [--callers 16] [--keys 1000] [--ops get,put] [--http-client jdk|jetty]
 * </pre>
 */
public final class ProfiledRestClient {

	private ProfiledRestClient() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		Duration seconds = options.seconds("seconds", 5);
		int callers = options.integer("callers", 16);
		int keys = options.integer("keys", 1000);
		List<String> ops = List.of(options.text("ops", "get,put").split(","));
		HttpClientType httpClient = HttpClientType.valueOf(options.text("http-client", "jdk").toUpperCase(Locale.ROOT));
		try (Children.Emulator emulator = new Children.Emulator();
				CloudflareKVClient client = Bench.client(emulator.baseUrl(), httpClient)) {
			KVNamespace kv = client.namespace(Bench.namespaceWithKeys(client, "profiled", keys));
			for (String op : ops) {
				ClosedLoop.Operation call = op.equals("get") ? (c, i) -> kv.get(Bench.key(c * 7919 + i, keys))
						: (c, i) -> kv.put(Bench.key(c * 7919 + i, keys), Bench.VALUE);
				ClosedLoop.Result result = ClosedLoop.run(callers, seconds, call);
				System.out.println(String.format(Locale.ROOT, "%s, %d callers: %s, %.0f µs CPU per operation",
						op.toUpperCase(Locale.ROOT), callers, RestVsBareHttp.ops(result.opsPerSecond()), result.cpuMicrosPerOp()));
			}
		}
	}

}
