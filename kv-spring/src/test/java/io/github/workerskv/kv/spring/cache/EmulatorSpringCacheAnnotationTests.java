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
 * {@link SpringCacheAnnotationContract} on Cloudflare's REST API, over HTTP to the emulator on loopback, with and without
 * the near cache.
 */
class EmulatorSpringCacheAnnotationTests {

	@RegisterExtension
	static final KVEmulatorExtension kv = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("annotations-token").withAccountId("acct"));

	private static CloudflareKVClient client;

	private static KVNamespace namespace;

	@BeforeAll
	static void createNamespace() {
		client = CloudflareKVClient
			.create(CloudflareKVConfig.of("acct", Credentials.apiToken("annotations-token")).withBaseUrl(kv.baseUrl()));
		namespace = client.namespace(client.createNamespace("annotations").id());
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Nested
	class WithoutNearCache extends SpringCacheAnnotationContract {

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
	class WithNearCache extends SpringCacheAnnotationContract {

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
