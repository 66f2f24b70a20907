package io.github.workerskv.sample;

import java.net.http.HttpResponse;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.cloudflare.HttpClientType;
import io.github.workerskv.kv.emulator.KVEmulator;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.local.LocalKVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app in its {@code remote} profile, against the KV emulator over real HTTP on loopback: the Quick
 * Start endpoints write to and read from the namespace on the other side of Cloudflare's REST API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("remote")
class QuickStartRemoteModeHttpTests {

	private static final String TOKEN = "sample-token";

	private static final String ACCOUNT = "sample-account";

	private static final KVEmulator emulator = KVEmulator
		.start(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));

	private static final String NAMESPACE_ID = createNamespace();

	@LocalServerPort
	private int port;

	private QuickStartHttp http;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void connect() {
		this.http = new QuickStartHttp(this.port);
	}

	@DynamicPropertySource
	static void pointAtTheEmulator(DynamicPropertyRegistry registry) {
		registry.add("cloudflare.kv.base-url", () -> emulator.baseUrl().toString());
		registry.add("CLOUDFLARE_ACCOUNT_ID", () -> ACCOUNT);
		registry.add("CLOUDFLARE_API_TOKEN", () -> TOKEN);
		registry.add("MY_NAMESPACE_ID", () -> NAMESPACE_ID);
	}

	@AfterAll
	static void stopEmulator() {
		emulator.close();
	}

	@Test
	void theRestClientSendsWithJettysClientWhichTheAppHas() {
		CloudflareKVClient client = this.context.getBean(CloudflareKVClient.class);
		assertThat(client.config().httpClient()).isEqualTo(HttpClientType.AUTO);
		assertThat(client.httpClient()).isEqualTo(HttpClientType.JETTY);
	}

	@Test
	void bindingIsTheRemoteNamespaceAndThereIsNoEmbeddedStore() {
		assertThat(this.context.getBean(KVNamespace.class)).isInstanceOf(CloudflareKVNamespace.class);
		assertThat(this.context.getBeanNamesForType(LocalKVStore.class)).isEmpty();
	}

	@Test
	void setStoresTheValueInTheRemoteNamespaceAndGetReadsItBack() throws Exception {
		HttpResponse<String> set = this.http.post("/set/greeting", "Hello, KV!");
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(set.body()).isEqualTo("{\"success\":true,\"key\":\"greeting\"}");
		assertThat(emulator.store().namespace(NAMESPACE_ID).get("greeting")).isEqualTo("Hello, KV!");

		HttpResponse<String> get = this.http.get("/get/greeting");
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo("{\"value\":\"Hello, KV!\"}");
	}

	@Test
	void getReadsWhatWasWrittenRemotelyByOthers() throws Exception {
		emulator.store().namespace(NAMESPACE_ID).put("written-elsewhere", "über");
		assertThat(this.http.get("/get/written-elsewhere").body()).isEqualTo("{\"value\":\"über\"}");
	}

	@Test
	void getOfAMissingKeyAnswers404NotFound() throws Exception {
		HttpResponse<String> get = this.http.get("/get/never-set");
		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(get.body()).isEqualTo("{\"error\":\"Not found\"}");
	}

	@Test
	void keyOver512BytesAnswers400BeforeAnyRequestReachesTheApi() throws Exception {
		String key = "k".repeat(600);
		HttpResponse<String> set = this.http.post("/set/" + key, "value");
		assertThat(set.statusCode()).isEqualTo(400);
		assertThat(set.body()).isEqualTo("{\"error\":\"UTF-8 encoded length of 600 exceeds key length limit of 512.\"}");
		assertThat(emulator.store().namespace(NAMESPACE_ID).list().keys()).noneMatch((k) -> k.name().equals(key));
	}

	private static String createNamespace() {
		try (CloudflareKVClient admin = CloudflareKVClient
			.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN)).withBaseUrl(emulator.baseUrl()))) {
			return admin.createNamespace("sample").id();
		}
	}

}
