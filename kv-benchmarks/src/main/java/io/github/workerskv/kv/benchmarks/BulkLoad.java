package io.github.workerskv.kv.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows 6 and 7 of the table: a wrangler bulk JSON file of {@code --keys} keys × 100 B loaded into one
 * emulator (its own JVM) by whole processes, started and timed from here: {@link BulkPut} (this library)
 * against {@code wrangler kv bulk put --remote}, on loopback and again with {@code --latency-ms} of latency
 * per request injected by the emulator (a WAN), where the cloudflare SDK's {@code bulkUpdate}
 * ({@code js/sdk-bulk.mjs}) runs too.
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.BulkLoad \
 *     [--keys 100000] [--rounds 3] [--latency-ms 50]
 * </pre>
 */
public final class BulkLoad {

	private static final long PROCESS_TIMEOUT_SECONDS = 300;

	private BulkLoad() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		int keys = options.integer("keys", 100_000);
		int rounds = options.integer("rounds", 3);
		int latency = options.integer("latency-ms", 50);
		Report report = Report.open();
		Path work = Files.createTempDirectory("kv-bench-bulk");
		Path file = work.resolve("bulk.json");
		writeFile(file, keys);
		try (Children.Emulator emulator = new Children.Emulator(); CloudflareKVClient client = Bench.client(emulator.baseUrl())) {
			String namespaceId = client.createNamespace("bulk-load").id();
			Map<String, String> env = new LinkedHashMap<>();
			env.put("KV_BASE_URL", emulator.baseUrl().toString());
			env.put("KV_TOKEN", EmulatorServer.TOKEN);
			env.put("KV_ACCOUNT", EmulatorServer.ACCOUNT);
			env.put("KV_NAMESPACE", namespaceId);
			env.put("CLOUDFLARE_API_BASE_URL", emulator.baseUrl().toString());
			env.put("CLOUDFLARE_API_TOKEN", EmulatorServer.TOKEN);
			env.put("CLOUDFLARE_ACCOUNT_ID", EmulatorServer.ACCOUNT);
			env.put("WRANGLER_SEND_METRICS", "false");
			env.put("WRANGLER_SEND_ERROR_REPORTS", "false");
			env.put("CI", "1");
			env.put("NO_COLOR", "1");
			env.put("HOME", work.toString());
			env.put("XDG_CONFIG_HOME", work.resolve(".config").toString());
			List<String> ours = Children.java(List.of(), BulkPut.class, file.toString());
			List<String> wrangler = List.of(Children.jsDirectory().resolve("node_modules/.bin/wrangler").toString(), "kv",
					"bulk", "put", file.toString(), "--namespace-id", namespaceId, "--remote");
			List<String> sdk = List.of("node", Children.jsDirectory().resolve("sdk-bulk.mjs").toString(), file.toString());
			List<String> oursOutput = new ArrayList<>();
			// One unmeasured run of each warms the emulator and the file cache.
			time(ours, env, work, null);
			time(wrangler, env, work, null);
			Rounds.Result loopback = Rounds.alternate(rounds, () -> time(ours, env, work, oursOutput),
					() -> time(wrangler, env, work, null), (a, b) -> a / b);
			String what = String.format(Locale.ROOT, "%,d keys × 100 B from a wrangler bulk JSON file, whole process, loopback",
					keys);
			report.figure(what, seconds(loopback.medianA()), seconds(loopback.medianB()) + " (wrangler)",
					loopback.ratioText() + " of wrangler's wall time", "≤ 1.0×", loopback.median() <= 1.0);
			report.rounds(what + ", ours / wrangler", "s", loopback);
			report.note("  - where our process's time goes (JVM uptime at main, after reading the file, at the end, ms): "
					+ oursOutput);
			emulator.latency(latency);
			oursOutput.clear();
			Rounds.Result wan = Rounds.alternate(rounds, () -> time(ours, env, work, oursOutput),
					() -> time(wrangler, env, work, null), (a, b) -> b / a);
			String wanWhat = String.format(Locale.ROOT, "same load, %d ms latency per request (WAN)", latency);
			report.figure(wanWhat + " vs wrangler", seconds(wan.medianA()), seconds(wan.medianB()) + " (wrangler)",
					wan.ratioText() + " faster", "≥ 5× faster", wan.median() >= 5);
			report.rounds(wanWhat + ", wrangler / ours", "s", wan);
			report.note("  - where our process's time goes with latency (ms): " + oursOutput);
			Rounds.Result wanSdk = Rounds.alternate(rounds, () -> time(ours, env, work, null),
					() -> time(sdk, env, work, null), (a, b) -> b / a);
			report.figure(wanWhat + " vs the SDK's bulkUpdate (10,000 per request, in turn)", seconds(wanSdk.medianA()),
					seconds(wanSdk.medianB()) + " (SDK)", wanSdk.ratioText() + " faster", "faster (reported)",
					wanSdk.median() > 1);
			report.rounds(wanWhat + ", SDK / ours", "s", wanSdk);
			emulator.latency(0);
		}
		finally {
			deleteTree(work);
		}
	}

	/** @return the wall time of the process in seconds, after checking that it exited with 0 */
	static double time(List<String> command, Map<String, String> env, Path directory, List<String> output)
			throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		builder.environment().putAll(env);
		long start = System.nanoTime();
		Process process = builder.start();
		byte[] printed = process.getInputStream().readAllBytes();
		if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command.get(0) + " did not end within " + PROCESS_TIMEOUT_SECONDS + " s");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		String text = new String(printed, java.nio.charset.StandardCharsets.UTF_8);
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
					+ text.substring(Math.max(0, text.length() - 3000)));
		}
		if (output != null) {
			text.lines().filter((line) -> line.startsWith("{")).forEach(output::add);
		}
		return seconds;
	}

	static void writeFile(Path file, int keys) throws IOException {
		ArrayNode items = Children.JSON.createArrayNode();
		String value = "x".repeat(100);
		for (int i = 0; i < keys; i++) {
			ObjectNode item = items.addObject();
			item.put("key", String.format(Locale.ROOT, "bulk-%07d", i));
			item.put("value", value);
		}
		Files.write(file, Children.JSON.writeValueAsBytes(items));
	}

	static String seconds(double value) {
		return String.format(Locale.ROOT, "%.2f s", value);
	}

	static void deleteTree(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
