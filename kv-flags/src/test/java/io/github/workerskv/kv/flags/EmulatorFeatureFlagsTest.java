package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.cloudflare.CloudflareKVClient;
import io.github.workerskv.kv.cloudflare.CloudflareKVConfig;
import io.github.workerskv.kv.cloudflare.Credentials;
import io.github.workerskv.kv.emulator.Fault;
import io.github.workerskv.kv.emulator.KVEmulatorExtension;
import io.github.workerskv.kv.emulator.KVEmulatorOptions;
import io.github.workerskv.kv.resilience.RetryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag service and admin over real HTTP, against the KV emulator on loopback: outages injected with the
 * emulator's faults, and the reads that concurrent first uses make.
 */
class EmulatorFeatureFlagsTest {

	@RegisterExtension
	static final KVEmulatorExtension emulator = KVEmulatorExtension
		.create(KVEmulatorOptions.defaults().withToken("flags-token").withAccountId("acct"));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private CloudflareKVClient client;

	private KVNamespace kv;

	private final List<FeatureFlags> services = new ArrayList<>();

	@BeforeEach
	void namespace() {
		emulator.emulator().faults().reset();
		// No retries: an injected outage reaches the service at once instead of after the retry deadline.
		this.client = CloudflareKVClient.create(CloudflareKVConfig.of("acct", Credentials.apiToken("flags-token"))
			.withBaseUrl(emulator.baseUrl())
			.withRetry(RetryOptions.disabled())
			.withReadCacheSize(0));
		this.kv = this.client.namespace(this.client.createNamespace("flags-" + System.nanoTime()).id());
	}

	@AfterEach
	void close() {
		emulator.emulator().faults().reset();
		this.services.forEach(FeatureFlags::close);
		this.client.close();
	}

	private FeatureFlags flags(FeatureFlagsOptions options) {
		FeatureFlags flags = FeatureFlags.create(this.kv, options.withClock(this.clock));
		this.services.add(flags);
		return flags;
	}

	@Test
	void evaluationsKeepAnsweringFromTheLastGoodDocumentsWhileKvFailsAndTheNextGoodRefreshClearsIt() {
		FeatureFlagsAdmin admin = FeatureFlagsAdmin.create(this.kv, FeatureFlagsOptions.defaults().withClock(this.clock));
		admin.setDocument(FlagCases.json("{\"newCheckout\": true, \"rollout\": {\"state\": \"ENABLED\", "
				+ "\"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"off\", "
				+ "\"targeting\": {\"fractional\": [[\"on\", 50], [\"off\", 50]]}}}"), FlagChange.by("ops"));
		admin.setUserFlag("alice", "newCheckout", FlagCases.json("false"), FlagChange.by("ops"));
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withScheduler(new DirectScheduler()));
		assertThat(flags.isEnabled("newCheckout", FlagContext.of("alice"))).isFalse();
		boolean rolloutForBob = flags.isEnabled("rollout", FlagContext.of("bob"));

		emulator.emulator().faults().serverErrorRate(1.0);
		this.clock.advance(Duration.ofSeconds(61));
		flags.refresh();

		FlagsState stale = flags.state();
		assertThat(stale.status()).isEqualTo(FlagsState.Status.STALE);
		assertThat(stale.staleSince()).isEqualTo(this.clock.instant());
		assertThat(stale.failures()).isGreaterThanOrEqualTo(1);
		assertThat(stale.lastError()).isNotBlank();
		FlagEvaluation<Boolean> alice = flags.getBooleanDetails("newCheckout", true, FlagContext.of("alice"));
		assertThat(alice.value()).isFalse();
		assertThat(alice.reason()).isEqualTo(FlagReason.STALE);
		assertThat(flags.isEnabled("newCheckout", FlagContext.of("carol"))).isTrue();
		assertThat(flags.isEnabled("rollout", FlagContext.of("bob"))).isEqualTo(rolloutForBob);

		emulator.emulator().faults().reset();
		flags.refresh();

		assertThat(flags.state().status()).isEqualTo(FlagsState.Status.READY);
		assertThat(flags.state().staleSince()).isNull();
		assertThat(flags.getBooleanDetails("newCheckout", false, FlagContext.of("carol")).reason())
			.isEqualTo(FlagReason.STATIC);
	}

	@Test
	void aColdStartWithKvDownAnswersDefaultsWithReasonErrorUntilKvAnswers() {
		this.kv.put("flags:global", "{\"newCheckout\": true}");
		emulator.emulator().faults().dropRate(1.0);
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults()
			.withFlagDefaults(java.util.Map.of("newCheckout", false))
			.withScheduler(new DirectScheduler()));

		FlagEvaluation<Boolean> cold = flags.getBooleanDetails("newCheckout", true, FlagContext.of("dan"));
		assertThat(cold.value()).isFalse();
		assertThat(cold.reason()).isEqualTo(FlagReason.ERROR);
		assertThat(cold.errorCode()).isEqualTo(FlagErrorCode.PROVIDER_NOT_READY);
		assertThat(flags.state().status()).isEqualTo(FlagsState.Status.ERROR);

		emulator.emulator().faults().reset();
		flags.refresh();
		assertThat(flags.isEnabled("newCheckout", FlagContext.of("dan"))).isTrue();
	}

	@Test
	void concurrentFirstUsesOfAUserMakeOneRead() throws Exception {
		this.kv.put("flags:global", "{}");
		this.kv.put("flags:user:erin", "{\"beta\": true}");
		ExecutorService scheduler = Executors.newFixedThreadPool(2);
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults()
			.withScheduler(Executors.newSingleThreadScheduledExecutor())
			.withUserLoadTimeout(Duration.ofSeconds(10)));
		emulator.emulator().faults().latency(Duration.ofMillis(300));
		emulator.emulator().resetStats();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> answers = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			answers.add(callers.submit(() -> {
				start.await();
				return flags.isEnabled("beta", FlagContext.of("erin"));
			}));
		}
		start.countDown();
		for (Future<Boolean> answer : answers) {
			assertThat(answer.get(20, TimeUnit.SECONDS)).isTrue();
		}
		callers.shutdown();
		scheduler.shutdown();
		assertThat(emulator.emulator().stats().requests()).isEqualTo(1);
	}

	@Test
	void theAdminPacesAndAuditsOverHttp() {
		List<Duration> slept = new ArrayList<>();
		FeatureFlagsAdmin admin = FeatureFlagsAdmin.create(this.kv, FeatureFlagsOptions.defaults()
			.withClock(this.clock)
			.withWritePacing(Duration.ofSeconds(1), (duration) -> {
				slept.add(duration);
				this.clock.advance(duration);
			}));
		admin.setFlag("a", FlagCases.json("true"), FlagChange.by("alice").withReason("launch"));
		this.clock.advance(Duration.ofMillis(200));
		admin.setFlag("a", FlagCases.json("false"), FlagChange.by("bob").withReason("rollback").withExpectedVersion(1));

		assertThat(slept).containsExactly(Duration.ofMillis(800));
		assertThat(admin.global().version()).isEqualTo(2);
		AuditPage audit = admin.auditLog(10, null);
		assertThat(audit.entries()).extracting(AuditEntry::actor).containsExactly("bob", "alice");
	}

}
