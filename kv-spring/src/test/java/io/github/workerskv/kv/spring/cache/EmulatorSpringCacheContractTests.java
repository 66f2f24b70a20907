package io.github.workerskv.kv.spring.cache;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SpringCacheContract} on Cloudflare's REST API, over HTTP to the emulator on loopback, with and without
 * the near cache.
 */
class EmulatorSpringCacheContractTests {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("contract-token").withAccountId("acct"));

	private static CloudflareKVClient client;

	private static KVNamespace namespace;

	@BeforeAll
	static void createNamespace() {
		client = CloudflareKVClient
			.create(CloudflareKVConfig.of("acct", Credentials.apiToken("contract-token")).withBaseUrl(kv.baseUrl()));
		namespace = client.namespace(client.createNamespace("contract").id());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Nested
	class WithoutNearCache extends SpringCacheContract {

		@Override
		KVNamespace namespace() {
			return namespace;
		}

		@Override
		boolean nearCache() {
			return false;
		}

	}

	@Nested
	class WithNearCache extends SpringCacheContract {

		@Override
		KVNamespace namespace() {
			return namespace;
		}

		@Override
		boolean nearCache() {
			return true;
		}

	}

}
