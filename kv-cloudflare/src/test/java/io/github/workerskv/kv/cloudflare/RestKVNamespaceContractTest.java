package io.github.workerskv.kv.cloudflare;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.contract.KVNamespaceContractTests;
import io.github.workerskv.kv.emulator.KVEmulator;

/**
 * The {@link KVNamespace} contract on the REST client, over real HTTP to the emulator: both run on the
 * test's clock, the client reports to the test's listener, and each name of the contract is a namespace
 * created through the client (on a fresh emulator per test).
 */
class RestKVNamespaceContractTest extends KVNamespaceContractTests {

	@Override
	protected Backend open(Clock clock, KVListener listener) {
		KVEmulator emulator = KVEmulator.start(EmulatedAccount.options().withClock(clock));
		CloudflareKVClient client;
		try {
			client = CloudflareKVClient.create(EmulatedAccount.config(emulator).withClock(clock).withListener(listener));
		}
		catch (RuntimeException ex) {
			emulator.close();
			throw ex;
		}
		Map<String, String> ids = new ConcurrentHashMap<>();
		return new Backend() {

			@Override
			public KVNamespace namespace(String name) {
				return client.namespace(ids.computeIfAbsent(name, (title) -> client.createNamespace(title).id()));
			}

			@Override
			public void close() {
				try {
					client.close();
				}
				finally {
					emulator.close();
				}
			}

		};
	}

}
