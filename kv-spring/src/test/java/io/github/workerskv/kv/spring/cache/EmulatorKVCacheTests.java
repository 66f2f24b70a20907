package io.github.workerskv.kv.spring.cache;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link org.springframework.cache.Cache} contract on Cloudflare's REST API, spoken over HTTP to the KV
 * emulator on loopback: what production does, bulk deletes included.
 */
class EmulatorKVCacheTests extends KVCacheContractTests {

	private static final MutableClock clock = new MutableClock(START);

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("cache-token").withAccountId("acct").withClock(clock));

	private static CloudflareKVClient client;

	private static CloudflareKVNamespace namespace;

	@BeforeAll
	static void createNamespace() {
		client = CloudflareKVClient.create(
				CloudflareKVConfig.of("acct", Credentials.apiToken("cache-token")).withBaseUrl(kv.baseUrl()));
		namespace = client.namespace(client.createNamespace("cache").id());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Override
	KVNamespace namespace() {
		return namespace;
	}

	@Override
	KVNamespace backing() {
		KVEmulator emulator = kv.emulator();
		return emulator.store().namespace(namespace.id());
	}

	@Override
	MutableClock clock() {
		return clock;
	}

}
