package io.github.workerskv.kv.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.cloudflare.CloudflareKVClient;

/**
 * The bulk load of row 6 once more, with JFR on in {@link BulkPut}'s process, for the profiler evidence:
 * writes the recording to {@code --jfr FILE}.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.ProfiledBulkPut --jfr bulk.jfr [--keys 100000]
 * </pre>
 */
public final class ProfiledBulkPut {

	private ProfiledBulkPut() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		int keys = options.integer("keys", 100_000);
		Path jfr = Path.of(options.text("jfr", "bulk.jfr")).toAbsolutePath();
		Path work = Files.createTempDirectory("kv-bench-bulk-jfr");
		Path file = work.resolve("bulk.json");
		BulkLoad.writeFile(file, keys);
		try (Children.Emulator emulator = new Children.Emulator(); CloudflareKVClient client = Bench.client(emulator.baseUrl())) {
			String namespaceId = client.createNamespace("bulk-jfr").id();
			Map<String, String> env = Map.of("KV_BASE_URL", emulator.baseUrl().toString(), "KV_TOKEN", EmulatorServer.TOKEN,
					"KV_ACCOUNT", EmulatorServer.ACCOUNT, "KV_NAMESPACE", namespaceId);
			List<String> output = new java.util.ArrayList<>();
			double seconds = BulkLoad.time(Children.java(List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile"),
					BulkPut.class, file.toString()), env, work, output);
			System.out.println("bulk put of " + keys + " keys with JFR: " + seconds + " s " + output);
		}
		finally {
			BulkLoad.deleteTree(work);
		}
	}

}
