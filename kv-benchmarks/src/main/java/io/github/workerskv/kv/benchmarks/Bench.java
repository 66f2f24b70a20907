package io.github.workerskv.kv.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.workerskv.kv.BulkWrite;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;

/** What the client-server drivers share: the account, the keys and the value. */
final class Bench {

	static final String VALUE = "v".repeat(1024);

	private Bench() {
	}

	/** @return a client of the emulator with the defaults a user gets (retries on, no pacing, no budget) */
	static CloudflareKVClient client(URI baseUrl) {
		return CloudflareKVClient.create(CloudflareKVConfig.of(EmulatorServer.ACCOUNT,
				Credentials.apiToken(EmulatorServer.TOKEN)).withBaseUrl(baseUrl));
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

	static Duration warmUp(Duration measure) {
		return measure.multipliedBy(2);
	}

}
