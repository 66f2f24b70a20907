package io.github.workerskv.kv.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import tools.jackson.databind.JsonNode;

/**
 * Rows 4 and 5 of the table, both against one emulator in its own JVM:
 * <ul>
 * <li>the REST client against the official {@code cloudflare} npm SDK 7.3 ({@code js/sdk-ops.mjs}) making the
 * same GET and PUT calls of 1 KiB values, 1 and 16 callers each;</li>
 * <li>the emulator against Miniflare ({@code js/miniflare-server.mjs}: a Worker doing the same KV call),
 * both driven by the same undici client ({@code js/undici-ops.mjs}), GET and PUT, 1 and 16 callers.</li>
 * </ul>
 *
 * <pre>
 * java -cp kv-benchmarks/target/benchmarks.jar io.github.workerskv.kv.benchmarks.NodePeers \
 *     [--seconds 2] [--rounds 5] [--keys 1000] [--rows sdk,miniflare]
 * </pre>
 */
public final class NodePeers {

	private NodePeers() {
	}

	public static void main(String[] args) throws Exception {
		Args options = new Args(args);
		var seconds = options.seconds("seconds", 2);
		int rounds = options.integer("rounds", 5);
		int keys = options.integer("keys", 1000);
		List<String> rows = List.of(options.text("rows", "sdk,miniflare").split(","));
		Report report = Report.open();
		try (Children.Emulator emulator = new Children.Emulator(); CloudflareKVClient client = Bench.client(emulator.baseUrl())) {
			String namespaceId = Bench.namespaceWithKeys(client, "node-peers", keys);
			Map<String, String> env = Map.of("KV_BASE_URL", emulator.baseUrl().toString(), "KV_TOKEN", EmulatorServer.TOKEN,
					"KV_ACCOUNT", EmulatorServer.ACCOUNT, "KV_NAMESPACE", namespaceId, "KV_KEYS", Integer.toString(keys));
			if (rows.contains("sdk")) {
				KVNamespace kv = client.namespace(namespaceId);
				try (Children.NodeDriver sdk = new Children.NodeDriver("sdk-ops.mjs", env)) {
					for (String op : List.of("get", "put")) {
						ClosedLoop.Operation ours = op.equals("get")
								? (c, i) -> kv.get(Bench.key(c * 7919 + i, keys))
								: (c, i) -> kv.put(Bench.key(c * 7919 + i, keys), Bench.VALUE);
						for (int callers : List.of(1, 16)) {
							ClosedLoop.run(callers, Bench.warmUp(seconds), ours);
							sdk.run(op, callers, Bench.warmUp(seconds));
							Rounds.Result result = Rounds.alternate(rounds,
									() -> ClosedLoop.run(callers, seconds, ours).opsPerSecond(),
									() -> opsPerSecond(sdk.run(op, callers, seconds)), (a, b) -> a / b);
							String what = String.format(Locale.ROOT, "REST client vs the cloudflare npm SDK 7.3, 1 KiB %s, %d caller%s",
									op.toUpperCase(Locale.ROOT), callers, (callers == 1) ? "" : "s");
							report.figure(what, RestVsBareHttp.ops(result.medianA()), RestVsBareHttp.ops(result.medianB()),
									result.ratioText(), "≥ 3× faster", result.median() >= 3);
							report.rounds(what, "req/s", result);
						}
					}
				}
			}
			if (rows.contains("miniflare")) {
				try (Children.Child miniflare = new Children.Child("miniflare", List.of("node", "miniflare-server.mjs"),
						Map.of("KV_KEYS", Integer.toString(keys)), Children.jsDirectory())) {
					String workerUrl = Children.JSON.readTree(miniflare.awaitLine("{\"url\"")).get("url").asString();
					try (Children.NodeDriver toEmulator = new Children.NodeDriver("undici-ops.mjs", with(env, "TARGET", "rest"));
							Children.NodeDriver toWorker = new Children.NodeDriver("undici-ops.mjs",
									Map.of("TARGET", "worker", "KV_BASE_URL", workerUrl, "KV_KEYS", Integer.toString(keys)))) {
						for (String op : List.of("get", "put")) {
							for (int callers : List.of(1, 16)) {
								toEmulator.run(op, callers, Bench.warmUp(seconds));
								toWorker.run(op, callers, Bench.warmUp(seconds));
								Rounds.Result result = Rounds.alternate(rounds,
										() -> opsPerSecond(toEmulator.run(op, callers, seconds)),
										() -> opsPerSecond(toWorker.run(op, callers, seconds)), (a, b) -> a / b);
								String what = String.format(Locale.ROOT,
										"emulator vs Miniflare (Worker doing the KV call), undici, %s, %d caller%s",
										op.toUpperCase(Locale.ROOT), callers, (callers == 1) ? "" : "s");
								report.figure(what, RestVsBareHttp.ops(result.medianA()), RestVsBareHttp.ops(result.medianB()),
										result.ratioText(), "≥ 10×", result.median() >= 10);
								report.rounds(what, "req/s", result);
							}
						}
					}
					miniflare.send("quit");
				}
			}
		}
		report.failures("NodePeers, our client's calls", ClosedLoop.tally());
	}

	static double opsPerSecond(JsonNode result) {
		return result.get("ops").asDouble() * 1000 / result.get("millis").asDouble();
	}

	private static Map<String, String> with(Map<String, String> env, String name, String value) {
		Map<String, String> copy = new java.util.HashMap<>(env);
		copy.put(name, value);
		return copy;
	}

}
