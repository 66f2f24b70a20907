package io.github.workerskv.kv.flags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.workerskv.kv.KVNamespace;
import io.github.workerskv.kv.MutableClock;
import io.github.workerskv.kv.local.LocalKVStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The flag service on the embedded store: document layout, modes, defaults, records, refresh. */
class FeatureFlagsTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final LocalKVStore store = LocalKVStore.inMemory();

	private final KVNamespace kv = this.store.namespace("flags");

	private final List<FeatureFlags> services = new ArrayList<>();

	@AfterEach
	void close() {
		this.services.forEach(FeatureFlags::close);
		this.store.close();
	}

	private FeatureFlags flags(FeatureFlagsOptions options) {
		FeatureFlags flags = FeatureFlags.create(this.kv, options.withClock(this.clock));
		this.services.add(flags);
		return flags;
	}

	@Test
	void aUsersDocumentReplacesTheGlobalOneAsTheWorkerReadsThem() {
		this.kv.put("flags:global", "{\"newCheckout\": false, \"theme\": \"light\"}");
		this.kv.put("flags:user:alice", "{\"newCheckout\": true}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults());

		assertThat(flags.isEnabled("newCheckout", FlagContext.of("alice"))).isTrue();
		assertThat(flags.isEnabled("newCheckout", FlagContext.of("bob"))).isFalse();
		FlagEvaluation<String> theme = flags.getStringDetails("theme", "default", FlagContext.of("alice"));
		assertThat(theme.value()).isEqualTo("default");
		assertThat(theme.errorCode()).isEqualTo(FlagErrorCode.FLAG_NOT_FOUND);
		assertThat(flags.getString("theme", "default", FlagContext.of("bob"))).isEqualTo("light");
		assertThat(flags.getStringDetails("theme", "x", FlagContext.empty()).reason()).isEqualTo(FlagReason.STATIC);
	}

	@Test
	void mergeModeOverridesTheGlobalDocumentFlagByFlag() {
		this.kv.put("flags:global", "{\"newCheckout\": false, \"theme\": \"light\"}");
		this.kv.put("flags:user:alice", "{\"newCheckout\": true}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withMode(DocumentMode.MERGE));

		assertThat(flags.isEnabled("newCheckout", FlagContext.of("alice"))).isTrue();
		assertThat(flags.getString("theme", "default", FlagContext.of("alice"))).isEqualTo("light");
	}

	@Test
	void theConfiguredDefaultsAnswerWhenNoDocumentExists() {
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withFlagDefaults(Map.of("limit", 5)));

		FlagEvaluation<Integer> limit = flags.getIntegerDetails("limit", 1, FlagContext.of("carol"));
		assertThat(limit.value()).isEqualTo(5);
		assertThat(limit.reason()).isEqualTo(FlagReason.STATIC);
		assertThat(flags.state().status()).isEqualTo(FlagsState.Status.READY);
	}

	@Test
	void typedEvaluationsReportTypeMismatchesWithTheCallersDefault() {
		this.kv.put("flags:global", "{\"ratio\": 2.5, \"count\": 3, \"on\": true, \"obj\": {\"a\": 1}}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults());

		assertThat(flags.getDouble("ratio", 0, FlagContext.empty())).isEqualTo(2.5);
		assertThat(flags.getIntegerDetails("ratio", 7, FlagContext.empty()).errorCode())
			.isEqualTo(FlagErrorCode.TYPE_MISMATCH);
		assertThat(flags.getInteger("count", 0, FlagContext.empty())).isEqualTo(3);
		assertThat(flags.getStringDetails("on", "x", FlagContext.empty()).value()).isEqualTo("x");
		assertThat(flags.getObject("obj", Map.class, Map.of(), FlagContext.empty())).isEqualTo(Map.of("a", 1));
	}

	record CheckoutFlags(@Flag("new-checkout") boolean newCheckout, String theme, int limit, double ratio,
			@Nullable String missing) {
	}

	@Test
	void getFlagsBindsEveryFlagOfARecordWithDefaults() {
		this.kv.put("flags:global", "{\"new-checkout\": true, \"theme\": \"dark\", \"ratio\": 0.25}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withFlagDefaults(Map.of("limit", 10)));

		assertThat(flags.getFlags("dave", CheckoutFlags.class))
			.isEqualTo(new CheckoutFlags(true, "dark", 10, 0.25, null));
		assertThat(flags.getFlags(FlagContext.of("dave"), new CheckoutFlags(false, "x", 3, 0, "fallback")))
			.isEqualTo(new CheckoutFlags(true, "dark", 3, 0.25, "fallback"));
	}

	@Test
	void definitionsEvaluateWithTheContextAndTheInjectedClock() {
		this.kv.put("flags:global", """
				{"banner": {"state": "ENABLED", "variants": {"on": true, "off": false}, "defaultVariant": "off",
				  "targeting": {"if": [{"and": [{"ends_with": [{"var": "email"}, "@example.com"]},
				                                {">=": [{"var": "$flagd.timestamp"}, 1900000000]}]}, "on", null]}}}""");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults());
		FlagContext staff = FlagContext.of("erin").with("email", "erin@example.com");

		assertThat(flags.getBooleanDetails("banner", false, staff).reason()).isEqualTo(FlagReason.DEFAULT);
		this.clock.advance(Duration.ofDays(3650));
		FlagEvaluation<Boolean> later = flags.getBooleanDetails("banner", false, staff);
		assertThat(later.value()).isTrue();
		assertThat(later.variant()).isEqualTo("on");
		assertThat(later.reason()).isEqualTo(FlagReason.TARGETING_MATCH);
	}

	@Test
	void aRefreshSeesANewVersionAndTellsListeners() {
		this.kv.put("flags:global", "{\"on\": false}");
		List<String> events = new ArrayList<>();
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withListener(new FeatureFlagsListener() {
			@Override
			public void refreshed(@Nullable Long version, boolean changed) {
				events.add("refreshed " + changed);
			}
		}));
		assertThat(flags.isEnabled("on")).isFalse();

		this.kv.put("flags:global", "{\"on\": true}");
		assertThat(flags.isEnabled("on")).isFalse();
		flags.refresh();
		flags.refresh();

		assertThat(flags.isEnabled("on")).isTrue();
		assertThat(events).containsExactly("refreshed true", "refreshed true", "refreshed false");
		assertThat(flags.state().refreshes()).isEqualTo(3);
	}

	@Test
	void aUsersDocumentIsServedFromMemoryUntilItIsOlderThanTheRefreshInterval() {
		this.kv.put("flags:global", "{}");
		this.kv.put("flags:user:frank", "{\"beta\": false}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withScheduler(new DirectScheduler()));
		assertThat(flags.isEnabled("beta", FlagContext.of("frank"))).isFalse();

		this.kv.put("flags:user:frank", "{\"beta\": true}");
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(flags.isEnabled("beta", FlagContext.of("frank"))).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		// The first use past the interval starts the read (here inline) and answers from what was read.
		flags.isEnabled("beta", FlagContext.of("frank"));
		assertThat(flags.isEnabled("beta", FlagContext.of("frank"))).isTrue();
		assertThat(flags.state().cachedUsers()).isEqualTo(1);
	}

	@Test
	void theUserCacheIsBounded() {
		this.kv.put("flags:global", "{}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withUserCacheSize(3).withScheduler(new DirectScheduler()));
		for (int i = 0; i < 10; i++) {
			flags.isEnabled("x", FlagContext.of("user-" + i));
		}
		assertThat(flags.state().cachedUsers()).isEqualTo(3);
	}

	@Test
	void mergeModeAnswersEveryUserRightWithMoreUsersThanTheCacheHolds() {
		this.kv.put("flags:global", "{\"theme\": \"light\", \"beta\": false}");
		for (int i = 0; i < 6; i++) {
			this.kv.put("flags:user:user-" + i, "{\"beta\": " + (i % 2 == 0) + "}");
		}
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults()
			.withMode(DocumentMode.MERGE)
			.withUserCacheSize(2)
			.withScheduler(new DirectScheduler()));
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 6; i++) {
				FlagContext user = FlagContext.of("user-" + i);
				assertThat(flags.isEnabled("beta", user)).as("user-%d", i).isEqualTo(i % 2 == 0);
				assertThat(flags.getString("theme", "x", user)).isEqualTo("light");
			}
		}
		assertThat(flags.state().cachedUsers()).isEqualTo(2);
	}

	@Test
	void evaluateAllAnswersEveryFlagOfTheDocumentThatAnswersTheUser() {
		this.kv.put("flags:global", """
				{"theme": "light", "limit": 5, "off": {"state": "DISABLED", "variants": {"a": 1}, "defaultVariant": "a"},
				 "ab": {"state": "ENABLED", "variants": {"x": "X", "y": "Y"}, "defaultVariant": "x",
				        "targeting": {"if": [{"==": [{"var": "targetingKey"}, "gus"]}, "y", null]}}}""");
		this.kv.put("flags:user:hana", "{\"theme\": \"dark\"}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withScheduler(new DirectScheduler()));

		var gus = flags.evaluateAll(FlagContext.of("gus"));
		assertThat(gus).containsOnlyKeys("theme", "limit", "off", "ab");
		assertThat(gus.get("theme").value()).isEqualTo(FlagCases.json("\"light\""));
		assertThat(gus.get("limit").value()).isEqualTo(FlagCases.json("5"));
		assertThat(gus.get("off").value().isNull()).isTrue();
		assertThat(gus.get("off").reason()).isEqualTo(FlagReason.DISABLED);
		assertThat(gus.get("ab").variant()).isEqualTo("y");
		assertThat(gus.get("ab").reason()).isEqualTo(FlagReason.TARGETING_MATCH);
		assertThat(flags.evaluateAll(FlagContext.of("hana"))).containsOnlyKeys("theme");
	}

	@Test
	void aDocumentWrittenInThisJvmIsAnsweredAtOnce() {
		this.kv.put("flags:global", "{\"on\": false}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withScheduler(new DirectScheduler()));
		FeatureFlagsAdmin admin = FeatureFlagsAdmin.create(this.kv, FeatureFlagsOptions.defaults()
			.withClock(this.clock)
			.withListener(FeatureFlagsListener.refreshing(flags)));
		assertThat(flags.isEnabled("on", FlagContext.of("ivy"))).isFalse();

		admin.setFlag("on", FlagCases.json("true"), FlagChange.by("ops"));
		assertThat(flags.isEnabled("on", FlagContext.of("ivy"))).isTrue();
		admin.setUserFlag("ivy", "on", FlagCases.json("false"), FlagChange.by("ops"));
		assertThat(flags.isEnabled("on", FlagContext.of("ivy"))).isFalse();
	}

	@Test
	void aTargetingKeyThatMakesNoValidKvKeyHasNoDocumentAndIsNoFailure() {
		this.kv.put("flags:global", "{\"beta\": true}");
		FeatureFlags flags = flags(FeatureFlagsOptions.defaults().withScheduler(new DirectScheduler()));

		FlagEvaluation<Boolean> beta = flags.getBooleanDetails("beta", false, FlagContext.of("u".repeat(600)));

		assertThat(beta.value()).isTrue();
		assertThat(beta.reason()).isEqualTo(FlagReason.STATIC);
		assertThat(flags.state().status()).isEqualTo(FlagsState.Status.READY);
		assertThat(flags.state().failures()).isZero();
	}

}
