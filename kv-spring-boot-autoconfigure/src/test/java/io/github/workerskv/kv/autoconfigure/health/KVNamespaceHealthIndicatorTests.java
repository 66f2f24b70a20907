package io.github.workerskv.kv.autoconfigure.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.github.workerskv.kv.KVListener;
import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.KVOperation;
import io.github.workerskv.kv.KVOperationEvent;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.CloudflareKVNamespace;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.local.LocalKVStore;
import io.github.workerskv.kv.local.LocalKVStoreOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KVNamespaceHealthIndicator} on real namespaces: the embedded store, and the REST client over HTTP to
 * the emulator with its faults (429s, latency) and to a port nothing listens on. Requests are counted where
 * they arrive, by the emulator.
 */
class KVNamespaceHealthIndicatorTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	private static final String TOKEN = "health-s3cr3t-token";

	private static final String ACCOUNT = "acct";

	@RegisterExtension
	final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken(TOKEN).withAccountId(ACCOUNT));

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final InstantSource clock = () -> this.now;

	private final AtomicInteger requests = new AtomicInteger();

	private CloudflareKVClient client;

	private CloudflareKVNamespace namespace;

	@BeforeEach
	void createClient() {
		this.client = client(this.emulator.baseUrl().toString());
		this.namespace = this.client.namespace(this.client.createNamespace("health").id());
		this.emulator.emulator().faults().next(1, (line) -> {
			this.requests.incrementAndGet();
			return false;
		}, Fault.delay(Duration.ZERO));
	}

	@AfterEach
	void close() {
		this.client.close();
		this.executor.shutdownNow();
	}

	@Test
	void localNamespaceIsUpWhenItsStoreAnswers() {
		try (LocalKVStore store = LocalKVStore.inMemory()) {
			Health health = indicator(store.namespace("flags"), false, TTL, Duration.ofSeconds(3)).health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsExactly(java.util.Map.entry("mode", "local"));
		}
	}

	@Test
	void localNamespaceListsOneKeyOnEveryCheck() {
		AtomicInteger lists = new AtomicInteger();
		KVListener counter = new KVListener() {

			@Override
			public void onOperation(KVOperationEvent event) {
				if (event.operation() == KVOperation.LIST) {
					lists.incrementAndGet();
				}
			}

		};
		try (LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withListener(counter))) {
			KVNamespace flags = store.namespace("flags");
			flags.put("a", "1");
			flags.put("b", "2");
			KVNamespaceHealthIndicator indicator = indicator(flags, false, TTL, Duration.ofSeconds(3));

			indicator.health();
			indicator.health();

			assertThat(lists).hasValue(2);
		}
	}

	@Test
	void localNamespaceWhoseStoreIsClosedIsDownWithTheError(@TempDir Path dir) {
		LocalKVStore store = LocalKVStore.create(LocalKVStoreOptions.defaults().withPersistPath(dir.resolve("kv.sqlite")));
		KVNamespace flags = store.namespace("flags");
		store.close();

		Health health = indicator(flags, false, TTL, Duration.ofSeconds(3)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((String) health.getDetails().get("error")).startsWith("io.github.workerskv.kv.KVStorageException: ");
	}

	@Test
	void remoteNamespaceIsUpAfterOneAuthenticatedRequestAndShowsItsId() {
		Health health = remote(TTL).health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "remote")
			.containsEntry("namespaceId", this.namespace.id());
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void remoteResultIsReusedUntilTheTimeToLiveHasPassedSinceItArrived() {
		KVNamespaceHealthIndicator indicator = remote(TTL);

		indicator.health();
		this.now = this.now.plus(TTL).minusMillis(1);
		indicator.health();
		assertThat(requests()).isEqualTo(1);

		this.now = this.now.plusMillis(1);
		indicator.health();
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void remoteDownResultIsReusedToo() {
		this.emulator.emulator().faults().next(1, Fault.serverError(503));
		KVNamespaceHealthIndicator indicator = remote(TTL);

		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void zeroTimeToLiveChecksARemoteNamespaceEveryTime() {
		KVNamespaceHealthIndicator indicator = remote(Duration.ZERO);

		indicator.health();
		indicator.health();

		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void rateLimitedIsDownAtOnceWithStatusCodesAndRetryAfterAndIsNotRetried() {
		this.emulator.emulator().faults().next(1, Fault.rateLimited(Duration.ofSeconds(30)));

		Health health = remote(TTL).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("httpStatus", 429)
			.containsEntry("errorCodes", List.of(971))
			.containsEntry("retryAfter", "PT30S")
			.doesNotContainKey("attempts");
		assertThat((String) health.getDetails().get("error"))
			.startsWith("io.github.workerskv.kv.cloudflare.CloudflareRateLimitException: ");
		assertThat(requests()).isEqualTo(1);
	}

	@Test
	void unknownNamespaceIsDownWithAHintNamingTheBindingsIdProperty() {
		KVNamespaceHealthIndicator indicator = new KVNamespaceHealthIndicator("FLAGS",
				this.client.namespace("0f2ac74b498b48028cb68387c421e279").withoutRetries(), true,
				settings(TTL, Duration.ofSeconds(3)));

		Health health = indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("httpStatus", 404).containsEntry("errorCodes", List.of(10013));
		assertThat((String) health.getDetails().get("hint")).startsWith("Check cloudflare.kv.namespaces.FLAGS.id");
	}

	@Test
	void refusedConnectionIsDownWithAHintNamingTheBaseUrlProperty() throws IOException {
		String baseUrl = "http://127.0.0.1:" + closedPort() + "/client/v4";
		try (CloudflareKVClient unreachable = client(baseUrl)) {
			KVNamespaceHealthIndicator indicator = new KVNamespaceHealthIndicator("FLAGS",
					unreachable.namespace("0f2ac74b498b48028cb68387c421e279").withoutRetries(), true,
					new KVNamespaceHealthIndicator.Settings(TTL, Duration.ofSeconds(3), this.clock, this.executor,
							UnaryOperator.identity(), "cloudflare.kv.base-url (" + baseUrl + ")"));

			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("httpStatus", 0)
				.containsEntry("hint", "Check cloudflare.kv.base-url (" + baseUrl + ") and that the server is up.");
			assertThat((String) health.getDetails().get("error")).contains("Check the base URL " + baseUrl);
		}
	}

	@Test
	void slowAnswerIsDownOnceTheTimeoutHasPassedAndTheLateAnswerIsShownLater() {
		this.emulator.emulator().faults().latency(Duration.ofMillis(1500));
		KVNamespaceHealthIndicator indicator = remote(TTL, Duration.ofMillis(200));

		Health first = indicator.health();

		assertThat(first.getStatus()).isEqualTo(Status.DOWN);
		assertThat(first.getDetails()).containsEntry("timeout", "PT0.2S")
			.containsEntry("hint", "Check cloudflare.kv.base-url (" + this.emulator.baseUrl() + ") and the network.");
		assertThat((String) first.getDetails().get("error")).startsWith("java.util.concurrent.TimeoutException: "
				+ "no answer within 200 ms (cloudflare.kv.health.timeout)");
		KVNamespaceHealthIndicator.Check inFlight = indicator.check();
		assertThat(inFlight.answer()).as("the same check, still in flight").isNotDone();
		assertThat(indicator.await(inFlight).getDetails()).as("past its deadline, answered at once")
			.containsEntry("timeout", "PT0.2S");
		assertThat(inFlight.answer()).succeedsWithin(Duration.ofSeconds(10))
			.satisfies((late) -> assertThat(late.getStatus()).isEqualTo(Status.UP));
		assertThat(indicator.health().getStatus()).as("the late answer, reused").isEqualTo(Status.UP);
		assertThat(requests()).as("one request, however often it was asked").isEqualTo(1);
	}

	@Test
	void secretsInAFailureMessageAreRedacted() {
		try (CloudflareKVClient client = CloudflareKVClient.create(CloudflareKVConfig.of(TOKEN, Credentials.apiToken(TOKEN))
			.withBaseUrl(this.emulator.baseUrl())
			.withRetry(RetryOptions.disabled()))) {
			KVNamespaceHealthIndicator indicator = new KVNamespaceHealthIndicator("FLAGS",
					client.namespace(this.namespace.id()).withoutRetries(), true,
					new KVNamespaceHealthIndicator.Settings(TTL, Duration.ofSeconds(3), this.clock, this.executor,
							(text) -> text.replace(TOKEN, "******"), "cloudflare.kv.base-url"));

			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.toString()).doesNotContain(TOKEN);
			assertThat((String) health.getDetails().get("error")).contains("/accounts/******/");
		}
	}

	private KVNamespaceHealthIndicator remote(Duration ttl) {
		return remote(ttl, Duration.ofSeconds(3));
	}

	private KVNamespaceHealthIndicator remote(Duration ttl, Duration timeout) {
		return indicator(this.namespace.withoutRetries(), true, ttl, timeout);
	}

	private KVNamespaceHealthIndicator indicator(KVNamespace namespace, boolean remote, Duration ttl, Duration timeout) {
		return new KVNamespaceHealthIndicator("FLAGS", namespace, remote, settings(ttl, timeout));
	}

	private KVNamespaceHealthIndicator.Settings settings(Duration ttl, Duration timeout) {
		return new KVNamespaceHealthIndicator.Settings(ttl, timeout, this.clock, this.executor, UnaryOperator.identity(),
				"cloudflare.kv.base-url (" + this.emulator.baseUrl() + ")");
	}

	/** @return how many requests reached the emulator, whatever it answered (a fault included) */
	private int requests() {
		return this.requests.get();
	}

	private static CloudflareKVClient client(String baseUrl) {
		return CloudflareKVClient.create(CloudflareKVConfig.of(ACCOUNT, Credentials.apiToken(TOKEN))
			.withBaseUrl(baseUrl)
			.withConnectTimeout(Duration.ofSeconds(2))
			.withRetry(RetryOptions.defaults().withBackoff(Duration.ofMillis(1), 2, Duration.ofMillis(4))));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}
}
