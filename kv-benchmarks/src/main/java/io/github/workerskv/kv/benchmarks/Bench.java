package io.github.workerskv.kv.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.HttpClientType;

/** What the client-server drivers share: the account, the keys and the value. */
final class Bench {

	static final String VALUE = "v".repeat(1024);

	private Bench() {
	}

	/** @return a client of the emulator with the defaults a user gets (retries on, no pacing, no budget) */
	static CloudflareKVClient client(URI baseUrl) {
		return client(baseUrl, HttpClientType.AUTO);
	}

	/** @return a client of the emulator that sends its requests with this HTTP client */
	static CloudflareKVClient client(URI baseUrl, HttpClientType httpClient) {
		return CloudflareKVClient.create(CloudflareKVConfig.of(EmulatorServer.ACCOUNT,
				Credentials.apiToken(EmulatorServer.TOKEN)).withBaseUrl(baseUrl).withHttpClient(httpClient));
	}

	/** @return the id of a new namespace in which keys {@code k-0}… hold {@link #VALUE} */
	static String namespaceWithKeys(CloudflareKVClient client, String title, int keys) {
		String id = client.createNamespace(title).id();
		List<BulkWrite> writes = new ArrayList<>();
		for (int i = 0; i < keys; i++) {
			writes.add(BulkWrite.of("k-" + i, VALUE));
		}
		client.namespace(id).bulkPut(writes);
		return id;
	}

	static String key(int i, int keys) {
		return "k-" + Math.floorMod(i, keys);
	}

	static String valuesPath(String namespaceId) {
		return "/accounts/" + EmulatorServer.ACCOUNT + "/storage/kv/namespaces/" + namespaceId + "/values/";
	}

	/**
	 * How long to run a side before its rounds: twice a round, and at least 8 s, because the JIT is still
	 * compiling the HTTP clients' code well after a few seconds on two shared cores (a client's CPU per
	 * request kept falling for more than 20 s in a trial), and the side with more code to compile (ours) would
	 * pay for that in its first rounds.
	 * @param measure one round
	 * @return the warm-up
	 */
	static Duration warmUp(Duration measure) {
		// The smoke test sets kv.bench.minWarmUpMillis=0: it checks that drivers run, not what they measure.
		return max(measure.multipliedBy(2), Duration.ofMillis(Long.getLong("kv.bench.minWarmUpMillis", 8000)));
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
